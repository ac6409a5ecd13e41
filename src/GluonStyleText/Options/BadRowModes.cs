namespace GluonStyleText.Options;

/// <summary>The values <see cref="TextClassifierOptions.BadRows"/> accepts.</summary>
public static class BadRowModes
{
    /// <summary>Leave bad rows out, record them in a rejects file, and fail only past <c>max_reject_ratio</c>.</summary>
    public const string Skip = "skip";

    /// <summary>Stop at the first bad row.</summary>
    public const string Fail = "fail";

    /// <summary>Every accepted value.</summary>
    public static IReadOnlyList<string> All { get; } = [Skip, Fail];
}
