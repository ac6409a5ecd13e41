namespace GluonStyleText.Data;

/// <summary>
/// A saved <see cref="LabelMap"/> cannot be read. The message names the file, and the line (invalid JSON) or the
/// key at fault, for example <c>labels.json, key 'labels[2]': the label 'fire' appears twice</c>.
/// </summary>
public sealed class LabelMapFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The file of the JSON (or another name of its source).</param>
    /// <param name="lineNumber">The 1-based line of a JSON syntax error, or null.</param>
    /// <param name="key">The JSON key at fault, or null.</param>
    /// <param name="problem">What is wrong, without the source, line and key (they are prefixed).</param>
    /// <param name="innerException">The JSON parser's exception, if any.</param>
    public LabelMapFormatException(string filePath, long? lineNumber, string? key, string problem, Exception? innerException = null)
        : base(Describe(filePath, lineNumber, key) + ": " + problem, innerException)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Key = key;
    }

    /// <summary>The file of the JSON (or another name of its source).</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line of a JSON syntax error, or null.</summary>
    public long? LineNumber { get; }

    /// <summary>The JSON key at fault, such as <c>version</c> or <c>labels[2]</c>, or null.</summary>
    public string? Key { get; }

    private static string Describe(string filePath, long? lineNumber, string? key) =>
        filePath + (lineNumber is long line ? $" line {line}" : "") + (key is null ? "" : $", key '{key}'");
}
