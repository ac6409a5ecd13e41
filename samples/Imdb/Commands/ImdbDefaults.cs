using GluonStyleText.Options;

namespace GluonStyleText.Samples.Imdb.Commands;

/// <summary>What the IMDB sample's commands use unless told otherwise.</summary>
internal static class ImdbDefaults
{
    /// <summary>
    /// The preset of <c>demo</c>, <c>train</c> and <c>sagemaker-train</c>: <c>auto</c>, as for any other data,
    /// which on IMDB with GloVe measured 90.92 % test accuracy in 4 min 36 s of training and an 85 MB bundle
    /// (docs/results.md), against 90.46 % in 11 min 13 s and 277 MB for <c>fast</c>.
    /// </summary>
    public const string Preset = TextClassifierPresets.Auto;

    /// <summary>The review column of the IMDB CSVs.</summary>
    public const string TextColumn = "review";

    /// <summary>The sentiment column of the IMDB CSVs.</summary>
    public const string LabelColumn = "sentiment";
}
