namespace GluonStyleText.Samples.Imdb.Training;

/// <summary>
/// The named configurations of <c>--preset</c>. Each is a JSON file in the <c>config</c> folder beside
/// the program, in the seed's <c>config.json</c> format, so that it can be tuned without a rebuild.
/// </summary>
internal static class TrainingPresets
{
    /// <summary>The seed's own <c>config.json</c>, verbatim: CNN, kernel 8, embed 300, vocabulary 5,000, 5 epochs.</summary>
    public const string Seed = "seed";

    /// <summary>A CNN that trains fast on a CPU: kernels 1, 2, 3 with 200 filters each, max and mean pooling, a bag of 64-value hashed bigrams, embed 100, 3 epochs.</summary>
    public const string Fast = "fast";

    /// <summary>The fast CNN with a bag of 128-value hashed bigrams: more accurate, 1.5 times the training time and memory, a 533 MB bundle.</summary>
    public const string Accurate = "accurate";

    /// <summary>A bidirectional LSTM: hidden 128, embed 100, the last 400 words, 3 epochs.</summary>
    public const string BiLstm = "bilstm";

    /// <summary>The preset used when none is named.</summary>
    public const string Default = Fast;

    /// <summary>Every preset name, as <c>--preset</c> accepts them.</summary>
    public static readonly string[] Names = [Seed, Fast, Accurate, BiLstm];

    /// <summary>The folder the presets are read from: <c>config</c> beside the program.</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "config");

    /// <summary>The configuration file of <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">There is no such preset.</exception>
    public static string PathOf(string name) => name switch
    {
        Seed => Path.Combine(Directory, "config.json"),
        Fast => Path.Combine(Directory, "fast.json"),
        Accurate => Path.Combine(Directory, "accurate.json"),
        BiLstm => Path.Combine(Directory, "bilstm.json"),
        _ => throw new ArgumentException($"Unknown preset '{name}'; use one of {string.Join(", ", Names)}.", nameof(name)),
    };
}
