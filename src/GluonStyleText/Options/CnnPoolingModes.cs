namespace GluonStyleText.Options;

/// <summary>The values <see cref="TextClassifierOptions.CnnPooling"/> accepts.</summary>
public static class CnnPoolingModes
{
    /// <summary>Max over time, as the seed (one feature per filter).</summary>
    public const string Max = "max";

    /// <summary>Max over time and mean over the text's real tokens (two features per filter).</summary>
    public const string MaxMean = "max_mean";

    /// <summary>Every accepted value.</summary>
    public static IReadOnlyList<string> All { get; } = [Max, MaxMean];
}
