namespace GluonStyleText.Data;

/// <summary>
/// A labeled CSV file or one of its rows cannot be used. The message names the file, the line, the column where
/// one is at fault, and the problem, for example <c>train.csv line 17, column 'review': the text is empty</c>.
/// </summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The file, as the caller named it.</param>
    /// <param name="lineNumber">The 1-based physical line where the row starts (the header is line 1).</param>
    /// <param name="column">The column at fault, or null when the row or file as a whole is.</param>
    /// <param name="reason">Why the row or file was refused.</param>
    /// <param name="problem">What is wrong, without the file, line and column (they are prefixed).</param>
    public DataFormatException(string filePath, long lineNumber, string? column, RejectReason reason, string problem)
        : base(column is null
            ? $"{filePath} line {lineNumber}: {problem}"
            : $"{filePath} line {lineNumber}, column '{column}': {problem}")
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Column = column;
        Reason = reason;
        Problem = problem;
    }

    /// <summary>The file, as the caller named it.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based physical line where the row starts, counting lines inside quoted fields; the header is line 1.</summary>
    public long LineNumber { get; }

    /// <summary>The column at fault, or null when the row or file as a whole is.</summary>
    public string? Column { get; }

    /// <summary>Why the row or file was refused.</summary>
    public RejectReason Reason { get; }

    /// <summary>What is wrong, without the file, line and column.</summary>
    public string Problem { get; }
}
