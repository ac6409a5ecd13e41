using GluonStyleText.Options;
using GluonStyleText.Text;
using GluonStyleText.Training;

namespace GluonStyleText.Tests.Training;

/// <summary>The rules of auto, one by one, on small made-up data.</summary>
public sealed class AutoSettingsTests
{
    [Fact]
    public void SeqLenIsThe99thPercentileOfTokenCountsCappedByTheConfiguredValue()
    {
        // 200 texts of 1..10 words and two of 300: the outliers are cut rather than padded for.
        var texts = Enumerable.Range(0, 200).Select(i => Words(1 + (i % 10))).Append(Words(300)).Append(Words(300)).ToList();
        var profile = Profile(texts);

        var options = new TextClassifierOptions { SequenceLength = 500, KernelSizes = [1, 2, 3] };
        var choice = AutoSettings.ChooseSequenceLength(options, profile);
        var capped = new TextClassifierOptions { SequenceLength = 6, KernelSizes = [1, 2, 3] };
        AutoSettings.ChooseSequenceLength(capped, profile);

        Assert.Equal(16, options.SequenceLength);
        Assert.Equal("99th percentile of 202 texts' token counts (10; longest 300), rounded up to a multiple of 8", choice.Reason);
        Assert.Equal(6, capped.SequenceLength);
    }

    [Fact]
    public void SeqLenIsAtLeastTheLongestKernel()
    {
        var options = new TextClassifierOptions { SequenceLength = 500, KernelSizes = [1, 2, 9] };

        AutoSettings.ChooseSequenceLength(options, Profile(["one", "two words"]));

        // Rounding gives 8, one position short of the widest kernel.
        Assert.Equal(9, options.SequenceLength);
    }

    [Theory]
    [InlineData(false, 20_000, 2, 2 + 2)]
    [InlineData(false, 500, 1, 2 + 4)]
    [InlineData(true, 20_000, 1, 2 + 4)]
    public void WordsSeenOnceAreDroppedOnlyWithoutPretrainedVectorsOnLargeData(bool pretrained, int trainingTexts, int minCount, int vocabularySize)
    {
        var options = new TextClassifierOptions { VocabularySize = 50_000, UsePretrainedEmbeddings = pretrained, EmbeddingsPath = "v.txt" };
        var profile = Profile(["broken screen", "broken hinge", "screen cracked"]);

        AutoSettings.ChooseMinCount(options, trainingTexts);
        AutoSettings.ChooseVocabularySize(options, profile);

        Assert.Equal((minCount, vocabularySize), (options.MinCount, options.VocabularySize));
    }

    [Fact]
    public void VocabSizeIsCappedByTheConfiguredValue()
    {
        var options = new TextClassifierOptions { VocabularySize = 3, MinCount = 1, UsePretrainedEmbeddings = true, EmbeddingsPath = "v.txt" };

        var choice = AutoSettings.ChooseVocabularySize(options, Profile(["a b c d e f"]));

        Assert.Equal(3, options.VocabularySize);
        Assert.EndsWith("capped at the configured 3", choice.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20_000, 64)]
    [InlineData(4_361, 32)]
    [InlineData(2_000, 16)]
    [InlineData(100, 16)]
    public void SmallDataSetsGetSmallerBatches(int trainingTexts, int batchSize)
    {
        var options = new TextClassifierOptions { BatchSize = 64 };

        AutoSettings.ChooseBatchSize(options, trainingTexts);

        Assert.Equal(batchSize, options.BatchSize);
    }

    [Fact]
    public void EpochsStopEarlyWithThePresetsPatienceOrTwo()
    {
        var unset = new TextClassifierOptions { Epochs = 10 };
        var preset = new TextClassifierOptions { Epochs = 10, EarlyStoppingPatience = 3 };

        AutoSettings.ChooseEpochs(unset);
        AutoSettings.ChooseEpochs(preset);

        Assert.Equal((10, 2, 3), (unset.Epochs, unset.EarlyStoppingPatience, preset.EarlyStoppingPatience));
    }

    [Fact]
    public void BigramBucketsAreTheNextPowerOfTwoOfTheDistinctPairsOrOffForOneWordTexts()
    {
        // Ids 2..41 in a row: 39 distinct pairs per text, the same in every text.
        var sentences = new EncodedDataset([.. Enumerable.Range(0, 10).SelectMany(_ => Enumerable.Range(2, 40).Select(id => (long)id))], new int[10], 40);
        var codes = new EncodedDataset([.. Enumerable.Range(0, 10).SelectMany(i => new long[] { 2 + i, 0, 0 })], new int[10], 3);
        var options = new TextClassifierOptions { VocabularySize = 100, BigramBuckets = 262_144 };
        var off = new TextClassifierOptions { VocabularySize = 100, BigramBuckets = 262_144 };
        var capped = new TextClassifierOptions { VocabularySize = 100, BigramBuckets = 16 };

        AutoSettings.ChooseBigramBuckets(options, sentences);
        var offChoice = AutoSettings.ChooseBigramBuckets(off, codes);
        AutoSettings.ChooseBigramBuckets(capped, sentences);

        Assert.Equal(AutoSettings.MinimumBigramBuckets, options.BigramBuckets);
        Assert.Equal(0, off.BigramBuckets);
        Assert.StartsWith("off: only 0 of 10 texts", offChoice!.Reason, StringComparison.Ordinal);
        Assert.Equal(16, capped.BigramBuckets);
        Assert.Null(AutoSettings.ChooseBigramBuckets(new TextClassifierOptions { Cnn = false, BigramBuckets = 0 }, sentences));
    }

    private static string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => $"w{i}"));

    [Theory]
    [InlineData(4_000, false, true)]
    [InlineData(20_000, false, false)]
    [InlineData(20_000, true, true)]
    public void SmallDataSetsAreRefittedOnAllTexts(int trainingTexts, bool configured, bool chosen)
    {
        var options = new TextClassifierOptions { RefitOnAllData = configured };

        var choice = AutoSettings.ChooseRefit(options, trainingTexts);

        Assert.Equal(chosen, options.RefitOnAllData);
        Assert.Equal(chosen ? "true" : "false", choice.Value);
    }

    [Theory]
    [InlineData(false, 4_000, null, AutoSettings.SmallDataEnsembleSize)]
    [InlineData(true, 4_000, null, 1)]
    [InlineData(false, 20_000, null, 1)]
    [InlineData(true, 20_000, 3, 3)]
    [InlineData(false, 4_000, 1, 1)]
    public void SmallDataWithoutPretrainedVectorsAveragesSeveralRunsUnlessConfigured(bool pretrained, int trainingTexts, int? configured, int chosen)
    {
        var options = new TextClassifierOptions { UsePretrainedEmbeddings = pretrained, EnsembleSize = configured };

        var choice = AutoSettings.ChooseEnsembleSize(options, trainingTexts);

        Assert.Equal(chosen, options.EnsembleSize);
        Assert.Equal(chosen.ToString(System.Globalization.CultureInfo.InvariantCulture), choice.Value);
    }

    [Theory]
    [InlineData(false, null, true)]
    [InlineData(true, null, false)]
    [InlineData(false, false, false)]
    [InlineData(true, true, true)]
    public void TheWordBagIsOnWithoutPretrainedVectorsUnlessConfigured(bool pretrained, bool? configured, bool chosen)
    {
        var options = new TextClassifierOptions { UsePretrainedEmbeddings = pretrained, WordBag = configured };

        var choice = AutoSettings.ChooseWordBag(options);

        Assert.Equal(chosen, options.WordBag);
        Assert.Equal(chosen ? "true" : "false", choice!.Value);
        Assert.Null(AutoSettings.ChooseWordBag(new TextClassifierOptions { Cnn = false }));
    }

    [Theory]
    [InlineData(false, null, AutoSettings.UnknownWordDropoutAlpha)]
    [InlineData(true, null, 0)]
    [InlineData(false, 0.0, 0)]
    [InlineData(true, 0.5, 0.5)]
    public void RareWordsDropToTheUnknownIdWithoutPretrainedVectorsUnlessConfigured(bool pretrained, double? configured, double chosen)
    {
        var options = new TextClassifierOptions { UsePretrainedEmbeddings = pretrained, UnknownWordDropout = configured };

        AutoSettings.ChooseUnknownWordDropout(options, Profile(["a b c", "a b d"]));

        Assert.Equal(chosen, options.UnknownWordDropout);
    }

    [Fact]
    public void TheUnknownWordDropoutReasonGivesTheSharesItReplacesAndOfWordsSeenOnce()
    {
        // a and b seen twice, c and d once: 2 of 6 occurrences are of words seen once; alpha 1 replaces
        // 4 x 1/3 + 2 x 1/2 = 2.33 of 6 occurrences on average.
        var options = new TextClassifierOptions();

        var choice = AutoSettings.ChooseUnknownWordDropout(options, Profile(["a b c", "a b d"]));

        Assert.EndsWith("38.9 % of the words read, against 33.3 % seen once (the Good-Turing share of new words)", choice.Reason, StringComparison.Ordinal);
    }

    private static TextDataProfile Profile(IReadOnlyList<string> texts) =>
        TextDataProfile.Measure(texts, new TextTokenizer(new TextTransformerOptions()), CancellationToken.None);
}
