namespace GluonStyleText.Options;

/// <summary>What binding raw values onto options found: problems to report, and values that could not be used.</summary>
internal sealed record OptionsBindingResult(IReadOnlyList<string> Warnings, IReadOnlyList<string> Errors);
