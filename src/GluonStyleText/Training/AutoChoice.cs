namespace GluonStyleText.Training;

/// <summary>One setting that <c>auto</c> chose from the training data, with the reason, as logged.</summary>
/// <param name="Key">The configuration key, e.g. <c>seq_len</c>.</param>
/// <param name="Value">The value chosen, as text.</param>
/// <param name="Reason">Why, in words, e.g. "99th percentile of 5,444 texts' token counts".</param>
internal sealed record AutoChoice(string Key, string Value, string Reason);
