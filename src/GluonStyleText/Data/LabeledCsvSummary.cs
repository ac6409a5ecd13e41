using System.Globalization;

namespace GluonStyleText.Data;

/// <summary>
/// The counts of a <see cref="LabeledCsvReader"/>'s read so far. Every data row read is either accepted or
/// rejected, so <see cref="RowsRead"/> always equals <see cref="RowsAccepted"/> plus <see cref="RowsRejected"/>.
/// </summary>
public sealed class LabeledCsvSummary
{
    private readonly Dictionary<RejectReason, long> _rejectsByReason = [];

    /// <summary>Data rows read (the header is not a row).</summary>
    public long RowsRead { get; private set; }

    /// <summary>Rows returned to the caller.</summary>
    public long RowsAccepted { get; private set; }

    /// <summary>Rows refused, whatever the reason.</summary>
    public long RowsRejected { get; private set; }

    /// <summary>Rows refused, by reason; reasons without rejects are absent.</summary>
    public IReadOnlyDictionary<RejectReason, long> RejectsByReason => _rejectsByReason;

    /// <summary>The rejects file written, or null when none was (fail mode, no <see cref="LabeledCsvOptions.RejectsPath"/>, or the read did not complete).</summary>
    public string? RejectsPath { get; internal set; }

    /// <summary>Share of the rows read that were rejected; 0 before any row.</summary>
    public double RejectRatio => RowsRead == 0 ? 0 : (double)RowsRejected / RowsRead;

    /// <inheritdoc/>
    public override string ToString()
    {
        string reasons = string.Join(", ", _rejectsByReason.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{RowsRead} rows read, {RowsAccepted} accepted, {RowsRejected} rejected{(reasons.Length > 0 ? $" ({reasons})" : "")}");
    }

    internal void CountAccepted()
    {
        RowsRead++;
        RowsAccepted++;
    }

    internal void CountRejected(RejectReason reason)
    {
        RowsRead++;
        RowsRejected++;
        _rejectsByReason[reason] = _rejectsByReason.GetValueOrDefault(reason) + 1;
    }
}
