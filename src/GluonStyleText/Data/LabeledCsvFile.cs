using Microsoft.Extensions.Logging;

namespace GluonStyleText.Data;

/// <summary>Loads a whole labeled CSV file or stream into memory, for training and evaluation sets that fit in it.</summary>
public static class LabeledCsvFile
{
    /// <summary>
    /// Reads every row of <paramref name="filePath"/> with a <see cref="LabeledCsvReader"/> and maps its labels to
    /// class ids: with <paramref name="labelMap"/> when given (unknown labels are bad rows), else with the map
    /// built from the labels read (<see cref="LabelMap.FromTrainingLabels"/>).
    /// </summary>
    /// <param name="filePath">The CSV file.</param>
    /// <param name="options">Columns, limits and bad-row handling; null for the defaults.</param>
    /// <param name="labelMap">A trained model's fixed labels, or null to build the map from this file.</param>
    /// <param name="logger">Receives the first rejected rows and the summary.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The texts, their class ids and line numbers, the label map and the read's summary.</returns>
    /// <exception cref="DataFormatException">The file or a row is bad (see <see cref="LabeledCsvReader.Read"/>), or no row is usable.</exception>
    public static LabeledDataset Load(
        string filePath,
        LabeledCsvOptions? options = null,
        LabelMap? labelMap = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        using var reader = new LabeledCsvReader(filePath, options, labelMap, logger);
        return Load(reader, labelMap, cancellationToken);
    }

    /// <summary>
    /// As <see cref="Load(string, LabeledCsvOptions?, LabelMap?, ILogger?, CancellationToken)"/>, for CSV content in a
    /// stream, read forward to its end; the stream stays open and the caller's to dispose.
    /// </summary>
    /// <param name="stream">The CSV content; it need not seek.</param>
    /// <param name="displayName">The name errors give the content in place of a file path, for example the uploaded file's name.</param>
    /// <param name="options">Columns, limits and bad-row handling; null for the defaults.</param>
    /// <param name="labelMap">A trained model's fixed labels, or null to build the map from this content.</param>
    /// <param name="logger">Receives the first rejected rows and the summary.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The texts, their class ids and line numbers, the label map and the read's summary.</returns>
    /// <exception cref="DataFormatException">The content or a row is bad, or no row is usable; the message starts with <paramref name="displayName"/> and the line.</exception>
    public static LabeledDataset Load(
        Stream stream,
        string displayName,
        LabeledCsvOptions? options = null,
        LabelMap? labelMap = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        using var reader = new LabeledCsvReader(stream, displayName, options, labelMap, logger);
        return Load(reader, labelMap, cancellationToken);
    }

    private static LabeledDataset Load(LabeledCsvReader reader, LabelMap? labelMap, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        var labels = new List<string>();
        var lines = new List<long>();
        foreach (var row in reader.Read(cancellationToken))
        {
            texts.Add(row.Text);
            labels.Add(row.Label);
            lines.Add(row.LineNumber);
        }

        if (texts.Count == 0)
        {
            string problem = reader.Summary.RowsRead == 0
                ? "the file has no rows after its header"
                : $"all {reader.Summary.RowsRead} rows were rejected";
            throw new DataFormatException(reader.FilePath, 1, null, RejectReason.NoRows, problem);
        }

        var map = labelMap ?? LabelMap.FromTrainingLabels(labels);
        var classIds = labels.ConvertAll(map.GetId);
        return new LabeledDataset(texts, classIds, lines, map, reader.Summary);
    }
}
