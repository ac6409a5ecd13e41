using GluonStyleText.Options;

namespace GluonStyleText.Benchmarks;

/// <summary>
/// The model configurations the benchmarks measure, read from the IMDB sample's preset files at run
/// time so that tuning a preset needs no change here.
/// </summary>
internal static class ModelCases
{
    /// <summary>The seed's config.json: CNN, kernel 8, embed 300, vocabulary 5,000, seq_len 500, batch 64.</summary>
    public const string SeedCnn = "seed-cnn";

    /// <summary>The seed's config.json with <c>cnn</c> false: BiLSTM, hidden 500, 1 layer, bidirectional.</summary>
    public const string SeedBiLstm = "seed-bilstm";

    /// <summary>The sample's fast CPU preset (fast.json, a CNN).</summary>
    public const string Fast = "fast";

    /// <summary>The sample's BiLSTM preset (bilstm.json).</summary>
    public const string BiLstm = "bilstm";

    /// <summary>The options of <paramref name="name"/>, on the CPU and without pretrained vectors (speed does not depend on the initial weights).</summary>
    public static TextClassifierOptions Options(string name)
    {
        var (file, cnn) = name switch
        {
            SeedCnn => ("config.json", (bool?)true),
            SeedBiLstm => ("config.json", false),
            Fast => ("fast.json", null),
            BiLstm => ("bilstm.json", null),
            _ => throw new ArgumentException($"Unknown model case '{name}'.", nameof(name)),
        };
        var options = TextClassifierOptionsLoader.Load(Path.Combine(BenchmarkData.PresetDirectory, file)).Options;
        options.Cnn = cnn ?? options.Cnn;
        options.Device = "cpu";
        options.UsePretrainedEmbeddings = false;
        options.EmbeddingsPath = null;
        return options;
    }

    /// <summary>One line with the shapes that decide the cost, for the benchmark log.</summary>
    public static string Describe(TextClassifierOptions options) => options.Cnn
        ? $"CNN kernels [{string.Join(", ", options.EffectiveKernelSizes)}] x {options.EffectiveFilters} filters, pooling {options.CnnPooling}, embed {options.EmbeddingSize}, vocab {options.VocabularySize}, seq_len {options.SequenceLength}, batch {options.BatchSize}"
        : $"BiLSTM hidden {options.HiddenSize}, {options.Layers} layer(s), bidirectional {options.Bidirectional}, embed {options.EmbeddingSize}, vocab {options.VocabularySize}, seq_len {options.SequenceLength}, batch {options.BatchSize}";
}
