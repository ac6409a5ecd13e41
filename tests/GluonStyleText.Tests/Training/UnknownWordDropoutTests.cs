using GluonStyleText.Text;
using GluonStyleText.Training;

namespace GluonStyleText.Tests.Training;

/// <summary>Word dropout to the unknown id: rare words are replaced often, frequent ones seldom, reserved ids never.</summary>
public sealed class UnknownWordDropoutTests
{
    [Fact]
    public void ProbabilityIsAlphaOverAlphaPlusTheWordsTrainingCount()
    {
        // Id 2 occurs 99 times, id 3 once; rows are padded with 0.
        long[] ids = [.. Enumerable.Range(0, 99).SelectMany(_ => new long[] { 2, 0 }), 3, 0];
        var training = new EncodedDataset(ids, new int[100], 2);

        var dropout = UnknownWordDropout.Create(training, vocabularySize: 5, alpha: 1, seed: 1)!;

        Assert.Equal(1f / 100, dropout.Probability(2), 6);
        Assert.Equal(1f / 2, dropout.Probability(3), 6);
        Assert.Equal(1f, dropout.Probability(4), 6);
        Assert.Equal(0f, dropout.Probability(0));
        Assert.Equal(0f, dropout.Probability(Vocabulary.UnknownId));
    }

    [Fact]
    public void OnlyRealWordsAreReplacedAndRareOnesMoreOften()
    {
        long[] ids = [.. Enumerable.Range(0, 99).SelectMany(_ => new long[] { 2, 0 }), 3, 0];
        var dropout = UnknownWordDropout.Create(new EncodedDataset(ids, new int[100], 2), vocabularySize: 4, alpha: 1, seed: 7)!;
        long[] batch = [.. Enumerable.Range(0, 10_000).SelectMany(_ => new long[] { 0, Vocabulary.UnknownId, 2, 3 })];

        dropout.Apply(batch);

        int Replaced(int column) => Enumerable.Range(0, 10_000).Count(row => batch[(row * 4) + column] == Vocabulary.UnknownId);
        Assert.Equal(0, Replaced(0));
        Assert.Equal(10_000, Replaced(1));
        Assert.InRange(Replaced(2), 50, 200);
        Assert.InRange(Replaced(3), 4_700, 5_300);
        Assert.All(Enumerable.Range(0, 10_000), row => Assert.Equal(0, batch[row * 4]));
    }

    [Fact]
    public void AlphaZeroIsOff()
    {
        var training = new EncodedDataset([2, 3], new int[1], 2);

        Assert.Null(UnknownWordDropout.Create(training, vocabularySize: 4, alpha: 0, seed: 1));
    }

    [Fact]
    public void TheSameSeedReplacesTheSameWords()
    {
        var training = new EncodedDataset([2, 3, 3, 2], new int[2], 2);
        long[] first = [.. Enumerable.Repeat(new long[] { 2, 3 }, 100).SelectMany(pair => pair)];
        long[] second = [.. first];

        UnknownWordDropout.Create(training, 4, alpha: 1, seed: 5)!.Apply(first);
        UnknownWordDropout.Create(training, 4, alpha: 1, seed: 5)!.Apply(second);

        Assert.Equal(first, second);
    }
}
