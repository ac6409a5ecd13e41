using GluonStyleText.Options;

namespace GluonStyleText.Samples.Imdb.Training;

/// <summary>The named configurations of <c>--preset</c>: the library's <see cref="TextClassifierPresets"/>.</summary>
internal static class TrainingPresets
{
    /// <summary>The seed's own <c>config.json</c>.</summary>
    public const string Seed = TextClassifierPresets.Seed;

    /// <summary>The CNN tuned on IMDB reviews.</summary>
    public const string Fast = TextClassifierPresets.Fast;

    /// <summary>The fast CNN with a larger bigram bag.</summary>
    public const string Accurate = TextClassifierPresets.Accurate;

    /// <summary>A bidirectional LSTM.</summary>
    public const string BiLstm = TextClassifierPresets.BiLstm;

    /// <summary>The preset used when none is named.</summary>
    public const string Default = Fast;

    /// <summary>Every preset name, as <c>--preset</c> accepts them.</summary>
    public static readonly string[] Names = [.. TextClassifierPresets.Names];
}
