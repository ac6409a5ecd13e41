namespace GluonStyleText.Data;

/// <summary>What a <see cref="LabeledCsvReader"/> does with a row it cannot use.</summary>
public enum BadRowHandling
{
    /// <summary>Stop with a <see cref="DataFormatException"/> at the first bad row (the default).</summary>
    Fail,

    /// <summary>
    /// Leave the row out, record it in the rejects file (when <see cref="LabeledCsvOptions.RejectsPath"/> is set) and
    /// go on, unless more than <see cref="LabeledCsvOptions.MaxRejectRatio"/> of the rows are rejected.
    /// </summary>
    Skip,
}
