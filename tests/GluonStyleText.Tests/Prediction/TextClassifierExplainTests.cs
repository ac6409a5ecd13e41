using GluonStyleText.Prediction;
using GluonStyleText.Tests.Evaluation;

namespace GluonStyleText.Tests.Prediction;

/// <summary>
/// Explanations on the tiny sentiment model, where one marker word ("superb", "awful", ...) decides
/// each review among filler words: that word must stand out, and its span must point at it in the original text.
/// </summary>
[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class TextClassifierExplainTests(TinyClassifierFixture fixture) : IClassFixture<TinyClassifierFixture>
{
    private TextClassifier Classifier => fixture.Classifier;

    [Theory]
    [InlineData("the film was superb and the music", "superb", "superb", "pos")]
    [InlineData("the plot was awful and the actor", "awful", "awful", "neg")]
    [InlineData("The FILM was SUPERB!<br /><br />And the music...", "superb", "SUPERB", "pos")]
    [InlineData("<br />The plot&#39;s scene was Awful&#33; &amp; the story", "awful", "Awful", "neg")]
    [InlineData("この映画 the scene was SuPeRb です", "superb", "SuPeRb", "pos")]
    [InlineData("映画はawfulでした。the music", "awful", "awful", "neg")]
    public void TheDecidingWordHasTheLargestContributionAndItsSpanPointsAtIt(string text, string word, string written, string label)
    {
        var explanation = Classifier.Explain(text);

        Assert.Equal(label, explanation.Prediction.Label);
        var top = explanation.Words.MaxBy(w => w.Contribution)!;
        Assert.Equal(word, top.Word);
        Assert.Equal(written, text.Substring(top.Start, top.Length));
        Assert.True(top.Contribution > 0.2, $"removing '{word}' should cost the prediction much: {top.Contribution}");
        Assert.All(explanation.Words.Where(w => w != top), w => Assert.True(w.Contribution < top.Contribution / 2, $"'{w.Word}': {w.Contribution}"));
    }

    [Fact]
    public void WordsAreEveryTokenInTextOrderAndThePredictionIsPredicts()
    {
        const string text = "The STORY was great&hellip; the music wonderful<br />映画";

        var explanation = Classifier.Explain(text);

        Assert.Equal(Classifier.Bundle.Transformer.Tokenizer.Tokenize(text), explanation.Words.Select(w => w.Word));
        Assert.Equal(explanation.Words.OrderBy(w => w.Start).ToList(), explanation.Words);
        Assert.All(explanation.Words, w => Assert.Equal(w.Word, text.Substring(w.Start, w.Length).ToLowerInvariant()));
        var predicted = Classifier.Predict(text);
        Assert.Equal(predicted.Label, explanation.Prediction.Label);
        Assert.Equal(predicted.Probability, explanation.Prediction.Probability, 1e-5f);
    }

    [Fact]
    public void AContributionIsTheDropInProbabilityWithoutTheWord()
    {
        const string text = "the actor was great and the plot boring";

        var explanation = Classifier.Explain(text);

        var classId = explanation.Prediction.ClassId;
        foreach (var word in explanation.Words)
        {
            var without = Classifier.Predict(string.Concat(text.AsSpan(0, word.Start), " ", text.AsSpan(word.Start + word.Length)));
            Assert.Equal(explanation.Prediction.Probability - without.Probabilities[classId], word.Contribution, 1e-5);
        }
    }

    [Fact]
    public void WordsBeyondTheSequenceLengthAreListedWithContributionZero()
    {
        var sequenceLength = Classifier.Bundle.Transformer.SequenceLength;
        var words = Enumerable.Repeat("film", sequenceLength).Append("awful").Append("superb").Append("music");
        var text = "superb " + string.Join(' ', words);

        var explanation = Classifier.Explain(text);

        Assert.Equal(sequenceLength + 4, explanation.Words.Count);
        Assert.Equal("superb", explanation.Words.MaxBy(w => w.Contribution)!.Word);
        Assert.All(explanation.Words.Skip(sequenceLength), w => Assert.Equal(0.0, w.Contribution));
        Assert.Equal("pos", explanation.Prediction.Label);
    }

    [Fact]
    public void AnEmptyTextHasNoWordsAndANullTextIsRejected()
    {
        var explanation = Classifier.Explain("  <br /> ... ");

        Assert.Empty(explanation.Words);
        Assert.Equal(Classifier.Predict("  <br /> ... ").Label, explanation.Prediction.Label);
        Assert.Throws<ArgumentNullException>(() => Classifier.Explain(null!));
    }

    [Fact]
    public void ConcurrentExplanationsEqualSerialOnes()
    {
        var (texts, _) = TinyClassifierFixture.Reviews(24, seed: 31);
        var serial = texts.Select(text => Classifier.Explain(text).Words.Select(w => w.Contribution).ToArray()).ToArray();
        var concurrent = new double[texts.Count][];

        Parallel.For(0, texts.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            concurrent[i] = Classifier.Explain(texts[i]).Words.Select(w => w.Contribution).ToArray());

        for (var i = 0; i < texts.Count; i++)
        {
            Assert.Equal(serial[i], concurrent[i], (a, b) => Math.Abs(a - b) < 1e-5);
        }
    }
}
