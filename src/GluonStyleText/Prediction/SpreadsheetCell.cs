using System.Globalization;

namespace GluonStyleText.Prediction;

/// <summary>
/// Neutralises a CSV cell that a spreadsheet would run as a formula (CSV formula injection): one that starts with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return gets a leading single quote, which Excel shows as
/// text. A plain number such as <c>-120.50</c> or <c>+1</c> is read as a number, not run, so it is left as it is:
/// quoting it turned a claim's amounts into text.
/// </summary>
internal static class SpreadsheetCell
{
    private const string FormulaStarts = "=+-@\t\r";

    /// <summary>The cell as a spreadsheet should get it.</summary>
    /// <param name="value">The cell's text.</param>
    public static string Neutralise(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 || !FormulaStarts.Contains(value[0], StringComparison.Ordinal))
        {
            return value;
        }

        bool plainNumber = value[0] is '+' or '-'
            && double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _);
        return plainNumber ? value : "'" + value;
    }
}
