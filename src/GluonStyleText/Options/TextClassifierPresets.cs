using Microsoft.Extensions.Logging;

namespace GluonStyleText.Options;

/// <summary>
/// The named configurations that ship with the library, each in the seed's <c>config.json</c> format:
/// <c>auto</c> (the default: a CNN that fits its settings to the training data), <c>fast</c> and
/// <c>accurate</c> (CNNs tuned on IMDB reviews), <c>bilstm</c>, and <c>seed</c> (the seed's own file, verbatim).
/// </summary>
public static class TextClassifierPresets
{
    /// <summary>A CNN whose text length, vocabulary, bigram table and epoch count follow the training data.</summary>
    public const string Auto = "auto";

    /// <summary>The seed's own <c>config.json</c>, verbatim: CNN, kernel 8, embed 300, vocabulary 5,000, 5 epochs.</summary>
    public const string Seed = "seed";

    /// <summary>A CNN tuned on IMDB reviews: kernels 1, 2, 3 with 200 filters each, max and mean pooling, a bag of 64-value hashed bigrams, 3 epochs.</summary>
    public const string Fast = "fast";

    /// <summary>The fast CNN with a bag of 128-value hashed bigrams: more accurate on long reviews, larger and slower.</summary>
    public const string Accurate = "accurate";

    /// <summary>A bidirectional LSTM: hidden 128, embed 100, the last 400 words, 3 epochs.</summary>
    public const string BiLstm = "bilstm";

    /// <summary>The preset used when none is named.</summary>
    public const string Default = Auto;

    /// <summary>Every preset name.</summary>
    public static IReadOnlyList<string> Names { get; } = [Auto, Fast, Accurate, BiLstm, Seed];

    /// <summary>Loads and validates the preset called <paramref name="name"/>.</summary>
    /// <param name="name">One of <see cref="Names"/>, in any case.</param>
    /// <param name="logger">Receives the loader's warnings.</param>
    /// <exception cref="ArgumentException">There is no such preset.</exception>
    public static OptionsLoadResult Load(string name, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TextClassifierOptionsLoader.LoadJson(Json(name), $"preset '{name.Trim().ToLowerInvariant()}'", logger);
    }

    /// <summary>The JSON text of the preset called <paramref name="name"/>, e.g. to start a configuration file from.</summary>
    /// <param name="name">One of <see cref="Names"/>, in any case.</param>
    /// <exception cref="ArgumentException">There is no such preset.</exception>
    public static string Json(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var known = Names.FirstOrDefault(preset => string.Equals(preset, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown preset '{name}'; use one of {string.Join(", ", Names)}.", nameof(name));
        using var stream = typeof(TextClassifierPresets).Assembly.GetManifestResourceStream($"GluonStyleText.Presets.{known}.json")
            ?? throw new InvalidOperationException($"The preset '{known}' is missing from the GluonStyleText assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
