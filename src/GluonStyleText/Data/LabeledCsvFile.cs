using Microsoft.Extensions.Logging;

namespace GluonStyleText.Data;

/// <summary>Loads a whole labeled CSV file into memory, for training and evaluation sets that fit in it.</summary>
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
            throw new DataFormatException(filePath, 1, null, RejectReason.NoRows, problem);
        }

        var map = labelMap ?? LabelMap.FromTrainingLabels(labels);
        var classIds = labels.ConvertAll(map.GetId);
        return new LabeledDataset(texts, classIds, lines, map, reader.Summary);
    }
}
