using CsvHelper;
using GluonStyleText.Data;

namespace GluonStyleText.Tests.Data;

/// <summary>
/// The check every shard plan test makes: the shards cover the file after the header, and each one, read after the
/// header as a worker reads it, gives exactly the whole file's rows for its range, on the same lines.
/// </summary>
internal static class ShardAssert
{
    /// <summary>A record as the CSV reader of the library reads it.</summary>
    public sealed record Row(string Fields, long Line);

    public static void EveryShardReadsAsTheWholeFile(byte[] file, CsvShardPlan plan)
    {
        Assert.Null(plan.FindProblem());
        Assert.Equal(file.Length, plan.FileLength);
        Assert.Equal(CsvShardPlan.Utf8, plan.Encoding);
        Assert.Equal(file.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0, plan.HeaderStart);

        var (wholeHeader, wholeRows) = Read(file);
        Assert.Equal(wholeRows.Count, plan.Rows);
        byte[] header = [.. file.AsSpan(0, (int)plan.HeaderEnd)];
        for (int i = 0; i < plan.Shards.Count; i++)
        {
            var shard = plan.Shards[i];
            Assert.True(shard.Rows >= 1 || plan.Shards.Count == 1, $"shard {i} has no row");
            var (shardHeader, rows) = Read([.. header, .. file.AsSpan((int)shard.Start, (int)shard.Length)]);
            long lineOffset = shard.FirstLine - plan.Shards[0].FirstLine;
            var expected = wholeRows.Skip((int)shard.FirstRow - 1).Take((int)shard.Rows!.Value).ToList();

            Assert.Equal(wholeHeader, shardHeader);
            Assert.Equal(expected, rows.Select(row => row with { Line = row.Line + lineOffset }));
            if (expected.Count > 0)
            {
                Assert.Equal(expected[0].Line, shard.FirstLine);
            }
        }
    }

    /// <summary>The header's fields and the data rows, each as its fields joined by a separator no test text holds.</summary>
    public static (string Header, List<Row> Rows) Read(byte[] csv)
    {
        using var reader = CsvReader.Create(new MemoryStream(csv), CsvFormat.ReaderOptions(100_000, _ => { }), leaveOpen: false);
        reader.ReadHeader();
        string header = string.Join('\u241F', reader.Headers);
        var rows = new List<Row>();
        while (reader.Read())
        {
            rows.Add(new Row(string.Join('\u241F', Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)), reader.LineNumber));
        }

        return (header, rows);
    }
}
