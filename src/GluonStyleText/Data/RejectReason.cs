namespace GluonStyleText.Data;

/// <summary>
/// Why a labeled CSV file or one of its rows was refused. The row reasons go to the rejects file in
/// <see cref="BadRowHandling.Skip"/> mode; the file reasons (<see cref="BadHeader"/>, <see cref="MissingColumn"/>,
/// <see cref="RecordTooLarge"/>, <see cref="TooManyRejects"/>, <see cref="NoRows"/>) always stop the read.
/// </summary>
public enum RejectReason
{
    /// <summary>File: the file is empty, or its header is not valid UTF-8, is malformed or names a column twice.</summary>
    BadHeader,

    /// <summary>File: the header lacks the text or the label column.</summary>
    MissingColumn,

    /// <summary>Row: the row has another number of fields than the header.</summary>
    WrongFieldCount,

    /// <summary>Row: the row breaks RFC 4180 quoting (a stray quote, text after a closing quote, a quote never closed).</summary>
    MalformedQuotes,

    /// <summary>Row: the row's bytes are not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>Row: the text is empty or only whitespace.</summary>
    EmptyText,

    /// <summary>Row: the text is longer than <see cref="LabeledCsvOptions.MaxTextLength"/>.</summary>
    TextTooLong,

    /// <summary>Row: the label is empty or only whitespace.</summary>
    EmptyLabel,

    /// <summary>Row: the label is not one of the fixed <see cref="LabelMap"/>'s labels.</summary>
    UnknownLabel,

    /// <summary>File: one record is too large to be real; usually a quote that is never closed.</summary>
    RecordTooLarge,

    /// <summary>File: more rows were rejected than <see cref="LabeledCsvOptions.MaxRejectRatio"/> allows.</summary>
    TooManyRejects,

    /// <summary>File: no row could be used (the file has only a header, or every row was rejected).</summary>
    NoRows,
}
