using System.ComponentModel.DataAnnotations;
using GluonStyleText.Options;

namespace GluonStyleText.Data;

/// <summary>How a <see cref="LabeledCsvReader"/> reads a labeled CSV file and what it does with bad rows.</summary>
public sealed class LabeledCsvOptions : IValidatableObject
{
    /// <summary>Header name of the text column, matched exactly or else ignoring case and surrounding spaces. Default <c>review</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string TextColumn { get; set; } = "review";

    /// <summary>Header name of the label column, matched as <see cref="TextColumn"/>. Default <c>sentiment</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string LabelColumn { get; set; } = "sentiment";

    /// <summary>Longest text accepted, in UTF-16 characters; longer rows are bad rows. Default 100,000.</summary>
    [Range(1, int.MaxValue)]
    public int MaxTextLength { get; set; } = 100_000;

    /// <summary>What to do with a bad row. Default <see cref="BadRowHandling.Fail"/>.</summary>
    public BadRowHandling OnBadRow { get; set; } = BadRowHandling.Fail;

    /// <summary>
    /// In <see cref="BadRowHandling.Skip"/> mode, the CSV file that receives the rejected rows (columns <c>line</c>,
    /// <c>reason</c>, <c>message</c>, <c>raw</c>). It is written under a temporary name and renamed when the read
    /// completes, also when it fails for too many rejects. Null (default) writes no file.
    /// </summary>
    public string? RejectsPath { get; set; }

    /// <summary>
    /// In <see cref="BadRowHandling.Skip"/> mode, the largest share of rejected rows, in [0, 1], before the read
    /// fails with <see cref="RejectReason.TooManyRejects"/>. Default 0.01.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MaxRejectRatio { get; set; } = 0.01;

    /// <summary>
    /// In <see cref="BadRowHandling.Skip"/> mode the share of rejects is checked at the end of the file, and also as
    /// soon as this many rows have been read, so that a file that is mostly bad fails early. Default 1,000.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int EarlyRejectCheckRows { get; set; } = 1_000;

    /// <summary>The options for a classifier configuration's <c>text_column</c>, <c>label_column</c>, <c>bad_rows</c> and <c>max_reject_ratio</c>.</summary>
    /// <param name="options">The classifier options.</param>
    /// <returns>New options with those settings and the others at their defaults.</returns>
    public static LabeledCsvOptions From(TextClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new LabeledCsvOptions
        {
            TextColumn = options.TextColumn,
            LabelColumn = options.LabelColumn,
            OnBadRow = string.Equals(options.BadRows, BadRowModes.Fail, StringComparison.OrdinalIgnoreCase) ? BadRowHandling.Fail : BadRowHandling.Skip,
            MaxRejectRatio = options.MaxRejectRatio,
        };
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming every invalid setting.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new ArgumentException(
                "Invalid labeled CSV options: " + string.Join("; ", results.Select(r => r.ErrorMessage)));
        }
    }

    /// <inheritdoc/>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(TextColumn)
            && string.Equals(TextColumn.Trim(), LabelColumn?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult(
                $"TextColumn and LabelColumn must name different columns; both are '{TextColumn}'.",
                [nameof(TextColumn), nameof(LabelColumn)]);
        }

        if (!Enum.IsDefined(OnBadRow))
        {
            yield return new ValidationResult($"OnBadRow {(int)OnBadRow} is not a BadRowHandling.", [nameof(OnBadRow)]);
        }

        if (double.IsNaN(MaxRejectRatio))
        {
            yield return new ValidationResult("MaxRejectRatio must be a number.", [nameof(MaxRejectRatio)]);
        }

        if (RejectsPath is not null && string.IsNullOrWhiteSpace(RejectsPath))
        {
            yield return new ValidationResult("RejectsPath must be null or a file path.", [nameof(RejectsPath)]);
        }
    }
}
