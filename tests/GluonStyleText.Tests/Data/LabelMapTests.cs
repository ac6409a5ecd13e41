using GluonStyleText.Data;

namespace GluonStyleText.Tests.Data;

public sealed class LabelMapTests : IDisposable
{
    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void IntegerLabelsAreOrderedNumerically()
    {
        var map = LabelMap.FromTrainingLabels(["10", "2", "1", "2", "-3", "10"]);

        Assert.Equal(["-3", "1", "2", "10"], map.Labels);
        Assert.True(map.LabelsAreIntegers);
        Assert.Equal(3, map.GetId("10"));
    }

    [Fact]
    public void TextLabelsAreOrderedOrdinally()
    {
        var map = LabelMap.FromTrainingLabels(["theft", "fire", "Flood", "fire", "10"]);

        Assert.Equal(["10", "Flood", "fire", "theft"], map.Labels);
        Assert.False(map.LabelsAreIntegers);
        Assert.Equal(2, map.GetId("fire"));
        Assert.Equal("theft", map.GetLabel(3));
    }

    [Fact]
    public void ImdbSentimentsMapToTheirOwnValues()
    {
        var map = LabelMap.FromTrainingLabels(["1", "0", "1"]);

        Assert.Equal(0, map.GetId("0"));
        Assert.Equal(1, map.GetId("1"));
    }

    [Fact]
    public void AnUnknownLabelIsNamedWithTheKnownOnes()
    {
        var map = new LabelMap(["fire", "flood"]);

        var error = Assert.Throws<KeyNotFoundException>(() => map.GetId("Fire"));

        Assert.Equal("the label 'Fire' is not one of the 2 labels of the label map ('fire', 'flood')", error.Message);
        Assert.False(map.TryGetId("Fire", out int id));
        Assert.Equal(-1, id);
    }

    [Fact]
    public void LabelsMustBeDistinctAndNonEmpty()
    {
        Assert.Contains("appears twice (ids 0 and 2)", Assert.Throws<ArgumentException>(() => new LabelMap(["a", "b", "a"])).Message, StringComparison.Ordinal);
        Assert.Contains("Label 1 is empty", Assert.Throws<ArgumentException>(() => new LabelMap(["a", " "])).Message, StringComparison.Ordinal);
        Assert.Contains("at least one label", Assert.Throws<ArgumentException>(() => LabelMap.FromTrainingLabels([])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonRoundTripKeepsTheIds()
    {
        var map = new LabelMap(["theft", "fire", "wind \"gust\" ü"]);
        string path = _files.PathOf("labels.json");

        map.Save(path);
        var loaded = LabelMap.Load(path);

        Assert.Equal(map.Labels, loaded.Labels);
        Assert.Equal(LabelMap.FromJson(map.ToJson()).Labels, map.Labels);
        Assert.Contains("\"version\": 1", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_files.Folder, "*.tmp-*"));
    }

    [Fact]
    public void InvalidJsonNamesTheFileAndLine()
    {
        string path = _files.Write("labels.json", "{\n  \"format\": \"GluonStyleText.LabelMap\",\n  \"version\": 1,\n  \"labels\": [\"a\" \"b\"]\n}");

        var error = Assert.Throws<LabelMapFormatException>(() => LabelMap.Load(path));

        Assert.StartsWith($"{path} line 4: invalid JSON: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, error.LineNumber);
        Assert.Equal(path, error.FilePath);
    }

    [Theory]
    [InlineData("[\"a\"]", null, "expected a JSON object, found Array")]
    [InlineData("{\"n_classes\": 2}", "format", "expected \"GluonStyleText.LabelMap\", found none; this is not a label map")]
    [InlineData("{\"format\": \"GluonStyleText.LabelMap\", \"labels\": [\"a\"]}", "version", "expected the integer version of the layout")]
    [InlineData("{\"format\": \"GluonStyleText.LabelMap\", \"version\": 2, \"labels\": [\"a\"]}", "version", "version 2 is not the version this GluonStyleText reads (1)")]
    [InlineData("{\"format\": \"GluonStyleText.LabelMap\", \"version\": 1}", "labels", "expected an array of label strings")]
    [InlineData("{\"format\": \"GluonStyleText.LabelMap\", \"version\": 1, \"labels\": []}", "labels", "the array is empty; a label map needs at least one label")]
    [InlineData("{\"format\": \"GluonStyleText.LabelMap\", \"version\": 1, \"labels\": [\"a\", 3]}", "labels[1]", "expected a string, found Number")]
    [InlineData("{\"format\": \"GluonStyleText.LabelMap\", \"version\": 1, \"labels\": [\"a\", \"\"]}", "labels[1]", "the label is empty")]
    [InlineData("{\"format\": \"GluonStyleText.LabelMap\", \"version\": 1, \"labels\": [\"fire\", \"a\", \"fire\"]}", "labels[2]", "the label 'fire' appears twice (also labels[0])")]
    public void AWrongLabelMapNamesTheKey(string json, string? key, string problem)
    {
        var error = Assert.Throws<LabelMapFormatException>(() => LabelMap.FromJson(json, "labels.json"));

        string where = key is null ? "labels.json" : $"labels.json, key '{key}'";
        Assert.Equal($"{where}: {problem}", error.Message);
        Assert.Equal(key, error.Key);
    }
}
