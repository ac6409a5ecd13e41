using System.Globalization;
using CsvHelper;

namespace GluonStyleText.Samples.ClaimsDesk.Jobs;

/// <summary>
/// Reads a results file the library wrote, once, for the results page: counts over all rows, and the first rows
/// to show. Reading, not classifying: the predictions themselves come from the library's CSV predictor.
/// </summary>
internal static class ResultsTable
{
    public const int MaxShownRows = 2000;
    private const int MaxErrorsShown = 5;

    public static BatchResults Read(string resultsPath, string predictionColumn, string reviewColumn, string errorColumn)
    {
        using var reader = CsvReader.Create(File.OpenRead(resultsPath), CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            FormatProvider = CultureInfo.InvariantCulture,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        }, leaveOpen: false);
        reader.ReadHeader();
        var columns = reader.Headers.ToArray();
        int prediction = Array.IndexOf(columns, predictionColumn), review = Array.IndexOf(columns, reviewColumn), error = Array.IndexOf(columns, errorColumn);
        var rows = new List<IReadOnlyList<string>>();
        var perCategory = new Dictionary<string, long>(StringComparer.Ordinal);
        var errors = new List<string>();
        long read = 0, needReview = 0, rejected = 0;
        while (reader.Read())
        {
            read++;
            var fields = Enumerable.Range(0, columns.Length).Select(i => i < reader.FieldCount ? reader.GetString(i) : "").ToArray();
            if (fields[error].Length > 0)
            {
                rejected++;
                if (errors.Count < MaxErrorsShown)
                {
                    errors.Add(fields[error]);
                }
            }
            else
            {
                perCategory[fields[prediction]] = perCategory.GetValueOrDefault(fields[prediction]) + 1;
            }

            if (review >= 0 && fields[review] == "true")
            {
                needReview++;
            }

            if (rows.Count < MaxShownRows)
            {
                rows.Add(fields);
            }
        }

        return new BatchResults(columns, rows, read, needReview, rejected, [.. perCategory.OrderByDescending(pair => pair.Value)], errors);
    }
}
