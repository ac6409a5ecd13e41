namespace GluonStyleText.Data;

/// <summary>One accepted row of a labeled CSV file.</summary>
/// <param name="Text">The text, exactly as in the file.</param>
/// <param name="Label">The label, without surrounding whitespace.</param>
/// <param name="LineNumber">The 1-based physical line where the row starts (the header is line 1).</param>
public sealed record LabeledText(string Text, string Label, long LineNumber);
