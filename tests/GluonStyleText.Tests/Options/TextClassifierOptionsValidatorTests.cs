using GluonStyleText.Options;

namespace GluonStyleText.Tests.Options;

public sealed class TextClassifierOptionsValidatorTests
{
    private readonly TextClassifierOptionsValidator _validator = new();

    public static TheoryData<Action<TextClassifierOptions>, string> InvalidOptions => new()
    {
        { o => o.Dropout = 1.5, "dropout: 1.5 is outside the allowed range [0, 1)" },
        { o => o.Dropout = 1.0, "dropout: 1 is outside the allowed range [0, 1)" },
        { o => o.Dropout = -0.1, "dropout: -0.1 is outside the allowed range [0, 1)" },
        { o => o.ValidationFraction = 0, "validation_fraction: 0 is outside the allowed range (0, 1)" },
        { o => o.ValidationFraction = 1, "validation_fraction: 1 is outside the allowed range (0, 1)" },
        { o => o.NumberOfClasses = 1, "n_classes: 1 is not allowed; use 0 (from the training data) or at least 2" },
        { o => o.Epochs = 0, "num_epoch: 0 is outside the allowed range [1, 10000]" },
        { o => o.SequenceLength = 0, "seq_len: 0 is outside the allowed range [1, 100000]" },
        { o => o.VocabularySize = 2, "vocab_size: 2 is outside the allowed range [3, 10000000]" },
        { o => o.BatchSize = -1, "batch_size: -1 is outside the allowed range [1, 1000000]" },
        { o => o.HiddenSize = 0, "hidden_size: 0 is outside the allowed range [1, 100000]" },
        { o => o.EmbeddingSize = 0, "embed_size: 0 is outside the allowed range [1, 100000]" },
        { o => o.Layers = 0, "n_layers: 0 is outside the allowed range [1, 100]" },
        { o => o.Filters = 0, "filters: 0 is outside the allowed range [1, 100000]" },
        { o => o.LearningRate = 0, "learning_rate: 0 is outside the allowed range [1E-12, 100]" },
        { o => o.WeightDecay = -1, "wd: -1 is outside the allowed range [0, 10]" },
        { o => o.TrainLogInterval = 0, "train_log_interval: 0 is outside the allowed range [1, 2147483647]" },
        { o => o.EpochFactor = 0, "epoch_factor: 0 is outside the allowed range [1, 2147483647]" },
        { o => o.MinCount = 0, "min_count: 0 is outside the allowed range [1, 2147483647]" },
        { o => o.Threads = -1, "threads: -1 is outside the allowed range [0, 4096]" },
        { o => o.MaxGradientNorm = -0.5, "max_grad_norm: -0.5 is outside the allowed range [0, 1000000]" },
        { o => o.Optimizer = "adamax", "optimizer: \"adamax\" is not one of adam, adamw, sgd, adagrad, rmsprop" },
        { o => o.Optimizer = " ", "optimizer: a non-empty value is required" },
        { o => o.Device = "gpu", "device: \"gpu\" is not one of cpu, cuda, cuda:N (N = 0, 1, ...), auto" },
        { o => o.Device = "cuda:x", "device: \"cuda:x\" is not one of cpu, cuda, cuda:N (N = 0, 1, ...), auto" },
        { o => o.KernelSizes = [3, 0], "kernel_sizes: 0 is outside the allowed range [1, 500] (seq_len is 500)" },
        { o => o.KernelSizes = [3, 501], "kernel_sizes: 501 is outside the allowed range [1, 500] (seq_len is 500)" },
        { o => o.SequenceLength = 4, "kernel_size: 8 is outside the allowed range [1, 4] (seq_len is 4)" },
        { o => o.UsePretrainedEmbeddings = true, "use_spacy_pretrained is true but embeddings_path is not set" },
        { o => o.SaveName = "../model", "save_name: \"../model\" must be a plain file name, without directory separators" },
        { o => o.SaveName = "", "save_name: a non-empty value is required" },
        { o => o.LabelColumn = "Review", "text_column and label_column are both \"review\"; they must name different columns" },
        { o => o.TextColumn = "", "text_column: a non-empty value is required" },
        { o => o.BigramBuckets = -1, "bigram_buckets: -1 is outside the allowed range [0, 100000000]" },
        { o => o.BigramSize = 0, "bigram_size: 0 is outside the allowed range [1, 10000]" },
        { o => (o.Cnn, o.BigramBuckets) = (false, 1000), "bigram_buckets: the bag of bigrams belongs to the CNN; set it to 0 or set cnn to true" },
    };

    public static TheoryData<Action<TextClassifierOptions>> ValidOptions => new()
    {
        _ => { },
        o => o.Optimizer = "Adam",
        o => o.Optimizer = "RMSprop",
        o => o.Device = "CPU",
        o => o.Device = "cuda",
        o => o.Device = "cuda:1",
        o => o.Dropout = 0,
        o => o.KernelSizes = [1, 500],
        o => (o.Cnn, o.SequenceLength) = (false, 4),
        o => (o.UsePretrainedEmbeddings, o.EmbeddingsPath) = (true, "glove.txt"),
        o => (o.BigramBuckets, o.BigramSize) = (1 << 20, 16),
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void FailureMessageNamesTheKeyAndWhatIsAllowed(Action<TextClassifierOptions> change, string expected)
    {
        var options = new TextClassifierOptions();
        change(options);

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal([expected], result.Failures);
    }

    [Theory]
    [MemberData(nameof(ValidOptions))]
    public void ValidOptionsPass(Action<TextClassifierOptions> change)
    {
        var options = new TextClassifierOptions();
        change(options);

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void EveryFailureIsReportedAtOnce()
    {
        var options = new TextClassifierOptions { Dropout = 2, BatchSize = 0, Device = "tpu" };

        var result = _validator.Validate("any name", options);

        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains("batch_size: 0 is outside the allowed range [1, 1000000]", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("dropout: 2 is outside the allowed range [0, 1)", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("device: \"tpu\"", result.FailureMessage, StringComparison.Ordinal);
    }
}
