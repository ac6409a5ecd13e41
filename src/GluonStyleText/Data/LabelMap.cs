using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GluonStyleText.Data;

/// <summary>
/// The labels a classifier distinguishes and their class ids (0 to <see cref="Count"/> - 1). Built once from the
/// training labels and saved with the model, so that evaluation and prediction map labels to the same ids.
/// </summary>
public sealed class LabelMap
{
    /// <summary>The version of the JSON layout that <see cref="ToJson"/> writes and <see cref="FromJson"/> reads.</summary>
    public const int FormatVersion = 1;

    private const string FormatName = "GluonStyleText.LabelMap";
    private const int LabelsShownInMessages = 20;

    private readonly string[] _labels;
    private readonly Dictionary<string, int> _idsByLabel;

    /// <summary>Creates a map whose class ids are the positions of <paramref name="labelsInIdOrder"/>.</summary>
    /// <param name="labelsInIdOrder">The labels, label of class 0 first.</param>
    /// <exception cref="ArgumentException">There are no labels, or a label is empty or appears twice.</exception>
    public LabelMap(IEnumerable<string> labelsInIdOrder)
    {
        ArgumentNullException.ThrowIfNull(labelsInIdOrder);
        _labels = [.. labelsInIdOrder];
        if (_labels.Length == 0)
        {
            throw new ArgumentException("A label map needs at least one label.", nameof(labelsInIdOrder));
        }

        _idsByLabel = new Dictionary<string, int>(_labels.Length, StringComparer.Ordinal);
        for (int id = 0; id < _labels.Length; id++)
        {
            if (string.IsNullOrWhiteSpace(_labels[id]))
            {
                throw new ArgumentException($"Label {id} is empty.", nameof(labelsInIdOrder));
            }

            if (!_idsByLabel.TryAdd(_labels[id], id))
            {
                throw new ArgumentException(
                    $"The label '{_labels[id]}' appears twice (ids {_idsByLabel[_labels[id]]} and {id}).", nameof(labelsInIdOrder));
            }
        }

        LabelsAreIntegers = _labels.All(label => TryParseInteger(label, out _));
    }

    /// <summary>The labels; the label of class id <c>i</c> is at position <c>i</c>.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Number of labels (classes).</summary>
    public int Count => _labels.Length;

    /// <summary>Whether every label is an integer (such as IMDB's <c>0</c> and <c>1</c>).</summary>
    public bool LabelsAreIntegers { get; }

    /// <summary>
    /// Builds the map of the labels seen in training data: each distinct label once, in numeric order when all of
    /// them are integers (<c>2</c> before <c>10</c>), else in ordinal string order.
    /// </summary>
    /// <param name="labels">The training labels, repeats allowed.</param>
    /// <returns>The map.</returns>
    /// <exception cref="ArgumentException">There are no labels, or one is empty.</exception>
    public static LabelMap FromTrainingLabels(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var distinct = new HashSet<string>(labels, StringComparer.Ordinal);
        bool integers = distinct.All(label => TryParseInteger(label, out _));
        var ordered = integers
            ? distinct.OrderBy(Integer).ThenBy(label => label, StringComparer.Ordinal)
            : distinct.OrderBy(label => label, StringComparer.Ordinal);
        return new LabelMap(ordered);

        static long Integer(string label) => TryParseInteger(label, out long value) ? value : 0;
    }

    /// <summary>Whether <paramref name="label"/> is one of the labels (matched exactly).</summary>
    /// <param name="label">The label.</param>
    /// <returns>True when the map has it.</returns>
    public bool Contains(string label) => _idsByLabel.ContainsKey(label);

    /// <summary>Finds the class id of a label (matched exactly).</summary>
    /// <param name="label">The label.</param>
    /// <param name="id">Its class id, or -1.</param>
    /// <returns>True when the map has the label.</returns>
    public bool TryGetId(string label, out int id)
    {
        if (_idsByLabel.TryGetValue(label, out id))
        {
            return true;
        }

        id = -1;
        return false;
    }

    /// <summary>The class id of a label (matched exactly).</summary>
    /// <param name="label">The label.</param>
    /// <returns>Its class id.</returns>
    /// <exception cref="KeyNotFoundException">The map does not have the label.</exception>
    public int GetId(string label) =>
        _idsByLabel.TryGetValue(label, out int id) ? id : throw new KeyNotFoundException(DescribeUnknown(label));

    /// <summary>The label of a class id.</summary>
    /// <param name="id">The class id, 0 to <see cref="Count"/> - 1.</param>
    /// <returns>Its label.</returns>
    public string GetLabel(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, _labels.Length);
        return _labels[id];
    }

    /// <summary>Saves the map as JSON, under a temporary name renamed when complete.</summary>
    /// <param name="path">The file to write (replaced if it exists).</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteText(path, ToJson());
    }

    /// <summary>Reads a map saved by <see cref="Save"/>.</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>The map.</returns>
    /// <exception cref="LabelMapFormatException">The file is not a valid label map.</exception>
    public static LabelMap Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return FromJson(File.ReadAllText(path), path);
    }

    /// <summary>
    /// The map as versioned JSON: <c>{"format": "GluonStyleText.LabelMap", "version": 1, "labels": [...]}</c>, labels in id order.
    /// </summary>
    /// <returns>Indented JSON.</returns>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", FormatName);
            json.WriteNumber("version", FormatVersion);
            json.WriteStartArray("labels");
            foreach (string label in _labels)
            {
                json.WriteStringValue(label);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a map from the JSON that <see cref="ToJson"/> writes.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">The JSON's file or other source, for error messages.</param>
    /// <returns>The map.</returns>
    /// <exception cref="LabelMapFormatException">The JSON is not a valid label map.</exception>
    public static LabelMap FromJson(string json, string source = "label map")
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new LabelMapFormatException(source, (e.LineNumber ?? 0) + 1, null, "invalid JSON: " + e.Message, e);
        }

        using (document)
        {
            if (JsonStrings.FindUnreadable(json) is { } unreadable)
            {
                throw new LabelMapFormatException(source, unreadable.Line, null, unreadable.Problem);
            }

            return FromDocument(document.RootElement, source);
        }
    }

    private static LabelMap FromDocument(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new LabelMapFormatException(source, null, null, $"expected a JSON object, found {root.ValueKind}");
        }

        string? format = root.TryGetProperty("format", out var formatElement) && formatElement.ValueKind == JsonValueKind.String
            ? formatElement.GetString()
            : null;
        if (format != FormatName)
        {
            throw new LabelMapFormatException(source, null, "format",
                $"expected \"{FormatName}\", found {(format is null ? "none" : $"\"{format}\"")}; this is not a label map");
        }

        // TryGetInt32 throws, rather than returns false, for anything but a number.
        if (!root.TryGetProperty("version", out var versionElement) || versionElement.ValueKind != JsonValueKind.Number || !versionElement.TryGetInt32(out int version))
        {
            throw new LabelMapFormatException(source, null, "version", "expected the integer version of the layout");
        }

        if (version != FormatVersion)
        {
            throw new LabelMapFormatException(source, null, "version",
                $"version {version} is not the version this GluonStyleText reads ({FormatVersion})");
        }

        if (!root.TryGetProperty("labels", out var labelsElement) || labelsElement.ValueKind != JsonValueKind.Array)
        {
            throw new LabelMapFormatException(source, null, "labels", "expected an array of label strings");
        }

        var labels = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var element in labelsElement.EnumerateArray())
        {
            string key = $"labels[{labels.Count}]";
            string? label = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
            if (string.IsNullOrWhiteSpace(label))
            {
                throw new LabelMapFormatException(source, null, key,
                    label is null ? $"expected a string, found {element.ValueKind}" : "the label is empty");
            }

            if (!seen.TryAdd(label, labels.Count))
            {
                throw new LabelMapFormatException(source, null, key, $"the label '{label}' appears twice (also labels[{seen[label]}])");
            }

            labels.Add(label);
        }

        if (labels.Count == 0)
        {
            throw new LabelMapFormatException(source, null, "labels", "the array is empty; a label map needs at least one label");
        }

        return new LabelMap(labels);
    }

    internal string DescribeUnknown(string label)
    {
        string shown = string.Join(", ", _labels.Take(LabelsShownInMessages).Select(l => $"'{l}'"));
        string more = _labels.Length > LabelsShownInMessages ? $" and {_labels.Length - LabelsShownInMessages} more" : "";
        return $"the label '{label}' is not one of the {_labels.Length} labels of the label map ({shown}{more})";
    }

    private static bool TryParseInteger(string label, out long value) =>
        long.TryParse(label, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
