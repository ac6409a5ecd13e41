namespace GluonStyleText.Options;

/// <summary>The values <see cref="TextClassifierOptions.ClassWeights"/> accepts.</summary>
public static class ClassWeightModes
{
    /// <summary>Every text counts the same in the loss.</summary>
    public const string None = "none";

    /// <summary>Each class is weighed by the inverse of its share of the training texts.</summary>
    public const string Balanced = "balanced";

    /// <summary>Every accepted value.</summary>
    public static IReadOnlyList<string> All { get; } = [None, Balanced];
}
