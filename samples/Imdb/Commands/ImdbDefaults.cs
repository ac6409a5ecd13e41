using GluonStyleText.Options;

namespace GluonStyleText.Samples.Imdb.Commands;

/// <summary>What the IMDB sample's commands use unless told otherwise.</summary>
internal static class ImdbDefaults
{
    /// <summary>
    /// The preset of <c>demo</c>, <c>train</c> and <c>sagemaker-train</c>: <c>fast</c>, whose IMDB accuracy and
    /// timings docs/results.md records. The one place to switch the sample to <see cref="TextClassifierPresets.Auto"/>.
    /// </summary>
    public const string Preset = TextClassifierPresets.Fast;

    /// <summary>The review column of the IMDB CSVs.</summary>
    public const string TextColumn = "review";

    /// <summary>The sentiment column of the IMDB CSVs.</summary>
    public const string LabelColumn = "sentiment";
}
