using System.Text.Json.Nodes;
using GluonStyleText.Data;

namespace GluonStyleText.Tests.Data;

/// <summary>A <see cref="CsvShardPlan"/> as the JSON that workers on other machines read, and the errors for a damaged one.</summary>
public sealed class CsvShardPlanJsonTests : IDisposable
{
    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void TheJsonGivesBackTheSamePlan()
    {
        var plan = Plan();

        var read = CsvShardPlan.FromJson(plan.ToJson(), "plan.json");

        Assert.Equal(plan, read);
        Assert.Equal(
            (plan.Encoding, plan.FileLength, plan.HeaderStart, plan.HeaderEnd, plan.TargetShardBytes, plan.RowAlignment, plan.Rows),
            (read.Encoding, read.FileLength, read.HeaderStart, read.HeaderEnd, read.TargetShardBytes, read.RowAlignment, read.Rows));
        Assert.Equal(plan.Shards, read.Shards);
        Assert.NotEqual(plan, CsvShardPlan.FromJson(plan.ToJson().Replace("\"first_line\": 6", "\"first_line\": 7", StringComparison.Ordinal), "plan.json"));
        Assert.Equal(plan.ToJson(), read.ToJson());
        Assert.True(plan.Shards.Count > 2);
    }

    [Fact]
    public void TheJsonIsVersionedAndNamesItsKeys()
    {
        var json = JsonNode.Parse(Plan().ToJson())!;

        Assert.Equal("GluonStyleText.CsvShardPlan", (string?)json["format"]);
        Assert.Equal(CsvShardPlan.FormatVersion, (int?)json["version"]);
        Assert.Equal("utf-8", (string?)json["encoding"]);
        Assert.Equal(3, (long?)json["header_start"]);
        Assert.Equal(["start", "end", "first_row", "first_line", "rows"], json["shards"]![0]!.AsObject().Select(pair => pair.Key));
    }

    [Fact]
    public void SaveAndLoadGoThroughAFile()
    {
        var plan = Plan();
        string path = _files.PathOf("plan.json");

        plan.Save(path);

        Assert.Equal(plan.ToJson(), CsvShardPlan.Load(path).ToJson());
        Assert.Equal(["plan.json"], Directory.EnumerateFileSystemEntries(_files.Folder).Select(Path.GetFileName));
    }

    [Fact]
    public void AUtf16PlanOfOneWholeShardGoesThroughJson()
    {
        using var stream = new MemoryStream([0xFF, 0xFE, .. System.Text.Encoding.Unicode.GetBytes("review\ngreat\n")]);
        var plan = CsvShardPlan.Create(stream, "u16.csv", 10);

        var read = CsvShardPlan.FromJson(plan.ToJson(), "u16-plan.json");

        Assert.Equal(("utf-16le", (long?)null), (read.Encoding, read.Shards[0].Rows));
    }

    public static TheoryData<string, string> Damages() => new()
    {
        { "not JSON", "invalid JSON at line 1" },
        { "[1, 2]", "the JSON is Array, not an object" },
        { "{\"format\": \"GluonStyleText.LabelMap\", \"version\": 1}", "\"format\" is not \"GluonStyleText.CsvShardPlan\"" },
        { "version=2", "version 2 of the layout; this GluonStyleText reads version 1 only" },
        { "version=\"one\"", "no integer \"version\"" },
        { "remove=file_length", "'file_length' is missing or null" },
        { "remove=shards", "'shards' is missing or null" },
        { "shards[1].start=7", "shards[1]: start is 7, expected" },
        { "shards[0].first_row=2", "shards[0]: first_row is 2, expected 1" },
        { "shards[1].rows=0", "shards[1]: rows is missing or less than 1" },
        { "shards[2].first_line=1", "shards[2]: first_line 1 is not after the first line of the shard before" },
        { "file_length=99999", "the last shard ends at" },
        { "rows=3", "rows is 3, but the shards hold" },
        { "header_start=1", "header_start 1 and header_end" },
        { "encoding=\"latin-1\"", "encoding 'latin-1' is not one of utf-8" },
        { "row_alignment=2", "is not one more than a multiple of row_alignment 2" },
        { "extra=1", "invalid JSON at line" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void ADamagedPlanIsRefusedNamingTheFileAndWhatIsWrong(string damage, string expected)
    {
        string json = Damage(Plan().ToJson(), damage);
        string path = _files.WriteBytes("plan.json", System.Text.Encoding.UTF8.GetBytes(json));

        var error = Assert.Throws<InvalidDataException>(() => CsvShardPlan.Load(path));

        Assert.StartsWith($"'{path}' is not a valid CSV shard plan: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Four rows of 13 bytes, a shard per row (no alignment), after a byte order mark.</summary>
    private static CsvShardPlan Plan()
    {
        using var stream = new MemoryStream([0xEF, 0xBB, 0xBF, .. "id,review\n1,great film\n2,awful plot\n3,\"two\nlines\"\n4,superb acting\n"u8]);
        return CsvShardPlan.Create(stream, "claims.csv", 10, rowAlignment: 1);
    }

    /// <summary>Applies a damage: raw text, <c>key=value</c> (a JSON value, at a path like <c>shards[1].start</c>), or <c>remove=key</c>.</summary>
    private static string Damage(string json, string damage)
    {
        int equals = damage.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0 || damage.StartsWith('{'))
        {
            return damage;
        }

        var root = JsonNode.Parse(json)!.AsObject();
        string key = damage[..equals], value = damage[(equals + 1)..];
        if (key == "remove")
        {
            root.Remove(value);
        }
        else if (key.StartsWith("shards[", StringComparison.Ordinal))
        {
            int index = key["shards[".Length] - '0';
            root["shards"]![index]![key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..]] = JsonNode.Parse(value);
        }
        else
        {
            root[key] = JsonNode.Parse(value);
        }

        return root.ToJsonString();
    }
}
