using System.Globalization;
using System.Text;
using GluonStyleText.Bundles;
using GluonStyleText.Data;
using GluonStyleText.Options;
using GluonStyleText.Prediction;
using GluonStyleText.Tests.Evaluation;
using GluonStyleText.Tests.Options;
using GluonStyleText.Training;

namespace GluonStyleText.Tests.Training;

/// <summary>Issue 10 end to end: auto choices logged and saved, balanced class weights, skipped rows beside the bundle.</summary>
[Collection(SerialTorchCollection.Name)]
public sealed class TextClassifierTrainerAutoTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void AutoLogsEveryChoiceWithItsReasonAndSavesTheValuesUsed()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(300, seed: 61);
        var options = Options();
        options.Auto = true;
        options.SequenceLength = 200;
        options.VocabularySize = 10_000;
        options.BigramBuckets = 65_536;
        options.Epochs = 8;
        var logger = new CollectingLogger();
        var bundlePath = Path.Combine(_temp.Path, "auto.zip");

        var result = new TextClassifierTrainer(options, logger).Train(texts, labels, bundlePath);

        var auto = logger.Messages.Where(m => m.StartsWith("auto: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["seq_len", "min_count", "vocab_size", "batch_size", "num_epoch", "refit_on_all_data", "ensemble_size", "unknown_word_dropout", "word_bag", "bigram_buckets"], auto.Select(m => m.Split(' ')[1]));
        Assert.Contains(auto, m => m.StartsWith("auto: seq_len 16 = 99th percentile of 300 texts' token counts (9; longest 9), rounded up to a multiple of 8", StringComparison.Ordinal));
        Assert.True(result.ValidationMetrics!.Accuracy >= 0.95, $"validation accuracy {result.ValidationMetrics.Accuracy}");

        using var bundle = ModelBundle.Load(bundlePath);
        Assert.Equal(16, bundle.Options.SequenceLength);
        Assert.Equal(2 + 16, bundle.Options.VocabularySize);
        Assert.Equal(1, bundle.Options.MinCount);
        Assert.Equal(16, bundle.Options.BatchSize);
        Assert.Equal(2, bundle.Options.EarlyStoppingPatience);
        Assert.InRange(bundle.Options.BigramBuckets, 256, 1024);
        Assert.Equal(2, bundle.Options.NumberOfClasses);
        Assert.True(bundle.Options.Auto);
        Assert.True(bundle.Options.RefitOnAllData);
        Assert.Equal(AutoSettings.UnknownWordDropoutAlpha, bundle.Options.UnknownWordDropout);
        Assert.True(bundle.Options.WordBag);
        Assert.Equal(AutoSettings.SmallDataEnsembleSize, bundle.Options.EnsembleSize);
        Assert.Contains("members.4.embedding.weight", bundle.Model.state_dict().Keys);
        Assert.Equal(16, bundle.Transformer.SequenceLength);
        Assert.Equal(AutoSettings.SmallDataEnsembleSize, logger.Messages.Count(m => m.StartsWith("Ensemble member ", StringComparison.Ordinal)));
    }

    [Fact]
    public void AnEnsemblesFirstMemberIsTheSingleRunOfItsSeedAndTheOthersDiffer()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(200, seed: 62);
        var options = Options();
        options.Epochs = 2;
        options.EnsembleSize = 3;
        var single = Options();
        single.Epochs = 2;
        var bundlePath = Path.Combine(_temp.Path, "ensemble.zip");
        var singlePath = Path.Combine(_temp.Path, "single.zip");

        var result = new TextClassifierTrainer(options).Train(texts, labels, bundlePath);
        new TextClassifierTrainer(single).Train(texts, labels, singlePath);

        using var ensemble = ModelBundle.Load(bundlePath);
        using var validated = ModelBundle.Load(singlePath);
        Assert.Equal(3, ensemble.Options.EnsembleSize);
        var members = ensemble.Model.state_dict();
        foreach (var (name, weight) in validated.Model.state_dict())
        {
            Assert.True(weight.allclose(members["members.0." + name], rtol: 0, atol: 0), name);
        }

        Assert.False(members["members.1.embedding.weight"].allclose(members["members.0.embedding.weight"], rtol: 0, atol: 0));
        Assert.NotNull(result.ValidationMetrics);
    }

    [Fact]
    public void TheAutoPresetLoadsAndIsACnnWithAutoOn()
    {
        var options = TextClassifierPresets.Load(TextClassifierPresets.Auto).Options;

        Assert.True(options.Auto && options.Cnn);
        Assert.Equal(0, options.NumberOfClasses);
        Assert.True(options.EarlyStoppingPatience > 0);
        Assert.InRange(options.BigramBuckets * (long)options.BigramSize * sizeof(float), 0, 100L << 20);
    }

    [Fact]
    public void BalancedClassWeightsRaiseTheRecallOfARareClass()
    {
        var (texts, labels) = Skewed(3_000, seed: 5);
        var (fresh, freshLabels) = Skewed(2_000, seed: 6);

        double RareRecall(string classWeights)
        {
            var options = Options();
            options.ClassWeights = classWeights;
            // One epoch: the epoch kept is chosen on the unweighted validation loss, which favours the common
            // class, so a longer run would test that choice rather than the weighted training.
            options.Epochs = 1;
            var path = Path.Combine(_temp.Path, $"{classWeights}.zip");
            new TextClassifierTrainer(options).Train(texts, labels, path);
            using var classifier = TextClassifier.Load(path);
            var predictions = classifier.PredictBatch(fresh);
            var rare = Enumerable.Range(0, fresh.Count).Where(i => freshLabels[i] == "rare").ToList();
            return rare.Count(i => predictions[i].Label == "rare") / (double)rare.Count;
        }

        double none = RareRecall(ClassWeightModes.None);
        double balanced = RareRecall(ClassWeightModes.Balanced);

        Assert.True(balanced > none + 0.2, $"rare-class recall: none {none:P0}, balanced {balanced:P0}");
    }

    [Fact]
    public void SkippedRowsGoToARejectsFileBesideTheBundleAndTheSummaryAddsUp()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(300, seed: 62);
        var csv = WriteCsv("claims.csv", texts, labels, extraRows: "pos,\"\"\n");
        var logger = new CollectingLogger();
        var bundlePath = Path.Combine(_temp.Path, "claims-model.zip");

        var result = new TextClassifierTrainer(Options(), logger).TrainFromCsv(csv, bundlePath);

        var rejects = Path.Combine(_temp.Path, "claims-model.rejects.csv");
        Assert.Equal(rejects, TextClassifierTrainer.RejectsPathFor(bundlePath));
        Assert.Equal(rejects, TextClassifierTrainer.RejectsPathFor(Path.Combine(_temp.Path, "claims-model") + Path.DirectorySeparatorChar));
        var lines = File.ReadAllLines(rejects);
        Assert.Equal("line,reason,message,raw", lines[0]);
        Assert.StartsWith("302,EmptyText,", lines[1], StringComparison.Ordinal);
        Assert.Contains($"Read 301 rows from {csv}: 300 accepted, 1 rejected (rejects: {rejects})", logger.Messages);
        Assert.Equal((301L, 300L, 1L, rejects), (result.RowsRead, result.RowsAccepted, result.RowsRejected, result.RejectsPath));
    }

    [Fact]
    public void TooManyBadRowsFailWithTheExistingError()
    {
        var csv = WriteCsv("bad.csv", ["great film", "awful plot"], ["pos", "neg"], extraRows: "pos,\"\"\n");

        var error = Assert.Throws<DataFormatException>(() => new TextClassifierTrainer(Options()).TrainFromCsv(csv, Path.Combine(_temp.Path, "never.zip")));

        Assert.Equal(RejectReason.TooManyRejects, error.Reason);
        Assert.Contains("never.rejects.csv", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_temp.Path, "never.zip")));
    }

    // 95 % "common", 5 % "rare"; the word "cue" is in 70 % of rare texts and 10 % of common ones, so that an
    // unweighted loss, which sees a "cue" text be common three times in four, never predicts the rare class.
    private static (List<string> Texts, List<string> Labels) Skewed(int count, int seed)
    {
        var random = new Random(seed);
        var texts = new List<string>();
        var labels = new List<string>();
        for (int i = 0; i < count; i++)
        {
            bool rare = random.NextDouble() < 0.05;
            var words = Enumerable.Range(0, random.Next(3, 8)).Select(_ => $"w{random.Next(30)}").ToList();
            if (random.NextDouble() < (rare ? 0.7 : 0.1))
            {
                words.Insert(random.Next(words.Count + 1), "cue");
            }

            texts.Add(string.Join(' ', words));
            labels.Add(rare ? "rare" : "common");
        }

        return (texts, labels);
    }

    private static TextClassifierOptions Options()
    {
        var options = ToyData.Options(cnn: true);
        options.LearningRate = 0.02;
        options.Dropout = 0;
        options.VocabularySize = 100;
        options.NumberOfClasses = 0;
        return options;
    }

    private string WriteCsv(string name, IReadOnlyList<string> texts, IReadOnlyList<string> labels, string extraRows)
    {
        var csv = new StringBuilder("sentiment,review\n");
        for (var i = 0; i < texts.Count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{labels[i]},{texts[i]}\n");
        }

        csv.Append(extraRows);
        return _temp.File(name, csv.ToString());
    }
}
