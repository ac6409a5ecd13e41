using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GluonStyleText.Data;
using GluonStyleText.Tests.Data;

namespace GluonStyleText.Tests.Fuzzing;

/// <summary>
/// A saved label map (labels.json, in every bundle) cannot crash <see cref="LabelMap.Load"/>: a damaged file is
/// read or refused with a <see cref="LabelMapFormatException"/> naming the file (and the line of a JSON syntax error).
/// </summary>
public sealed class LabelMapFuzzTests : IDisposable
{
    private static readonly Gen<string> ValidJson =
        Gen.NonEmptyListOf(Gen.Elements(CsvGenerators.Labels.Append("claim/fire").Append("😀").ToArray()))
            .Select(labels => new LabelMap(labels.Distinct()).ToJson());

    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Property(MaxTest = 2000, Replay = "(9101,31)", QuietOnSuccess = true)]
    public Property ADamagedLabelMapIsReadOrRefusedNamingItsFile() =>
        Prop.ForAll(JsonGenerators.Mutated(ValidJson).ToArbitrary(), input =>
        {
            string path = _files.WriteBytes("labels.json", input.Bytes);
            LabelMap? map = null;
            if (Documented.Check(() => map = LabelMap.Load(path), path, input.Bytes, typeof(LabelMapFormatException)) is null)
            {
                Assert.NotNull(map);
                Assert.True(map.Count > 0);
                Assert.Equal(map.Count, map.Labels.Distinct(StringComparer.Ordinal).Count());
                Assert.All(map.Labels, label => Assert.False(string.IsNullOrWhiteSpace(label)));
                Assert.Equal(map.Labels, LabelMap.FromJson(map.ToJson()).Labels);
            }
        });

    // Found by the property: TryGetInt32 threw InvalidOperationException for a version that is not a number.
    [Fact]
    public void AVersionThatIsAnArrayIsAFormatError()
    {
        string path = _files.Write("labels.json", """{"format":"GluonStyleText.LabelMap","version":[1,2,3]}""");

        var error = Assert.Throws<LabelMapFormatException>(() => LabelMap.Load(path));

        Assert.Equal("version", error.Key);
        Assert.Contains("labels.json", error.Message, StringComparison.Ordinal);
    }

    // Found by the property: reading a label escaped as an unpaired surrogate threw InvalidOperationException.
    [Fact]
    public void ALabelEscapedAsAnUnpairedSurrogateNamesItsLine()
    {
        string path = _files.Write("labels.json", "{\n\"format\": \"GluonStyleText.LabelMap\",\n\"version\": 1,\n\"labels\": [\"pos\", \"\\uD800\"]\n}");

        var error = Assert.Throws<LabelMapFormatException>(() => LabelMap.Load(path));

        Assert.Equal(4, error.LineNumber);
        Assert.Contains("unpaired surrogate", error.Message, StringComparison.Ordinal);
    }
}
