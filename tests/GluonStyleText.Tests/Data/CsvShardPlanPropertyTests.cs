using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GluonStyleText.Data;
using GluonStyleText.Tests.Fuzzing;

namespace GluonStyleText.Tests.Data;

/// <summary>
/// Whatever the rows (quotes, escaped quotes, line breaks of every kind inside and between them, commas, any script,
/// well or badly quoted) and whatever the shard size, every shard of a <see cref="CsvShardPlan"/> read after the
/// header gives exactly the whole file's rows for its range, on the same lines. Seeds are fixed, so a failure reproduces.
/// </summary>
public sealed class CsvShardPlanPropertyTests
{
    private static readonly string[] Pieces = ["a", "film", "破損", "café", "😀", ",", "\"", "\"\"", "\n", "\r\n", "\r", " ", "x,y", "say \"hi\""];

    // Mostly fields as a careful writer saves them, sometimes as they come (a quote left open, a stray quote, text
    // after a closing quote), since a plan must agree with the reader on malformed rows too.
    private static readonly Gen<string> Field = Gen.Frequency(
        (4, from pieces in Gen.ListOf(Gen.Elements(Pieces)).Resize(5) select CsvGenerators.Field(string.Concat(pieces))),
        (1, from pieces in Gen.ListOf(Gen.Elements(Pieces)).Resize(4) select string.Concat(pieces)));

    private static readonly Gen<string> Row =
        from fields in Gen.ListOf(Field).Resize(4)
        from lineEnd in Gen.Elements("\n", "\r\n", "\r")
        from emptyLines in Gen.Elements("", "", "", "\n", "\r\n\r\n")
        select string.Join(',', fields) + lineEnd + emptyLines;

    private static readonly Gen<ShardCase> Case =
        from byteOrderMark in Gen.Elements(true, false)
        from rows in Gen.ListOf(Row).Resize(25)
        from cutLastLineEnd in Gen.Elements(true, false)
        from target in Gen.Choose(1, 200)
        from alignment in Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Choose(2, 4)))
        let text = "id,review,region\n" + string.Concat(rows)
        let body = cutLastLineEnd ? text.TrimEnd('\r', '\n') : text
        select new ShardCase([.. byteOrderMark ? [0xEF, 0xBB, 0xBF] : Array.Empty<byte>(), .. Encoding.UTF8.GetBytes(body)], target, alignment);

    [Property(MaxTest = 400, Replay = "(9601,73)", QuietOnSuccess = true)]
    public Property EveryShardOfAnyFileReadsAsTheWholeFile() =>
        Prop.ForAll(Case.ToArbitrary(), input =>
        {
            using var stream = new MemoryStream(input.Bytes);
            var plan = CsvShardPlan.Create(stream, "random.csv", input.TargetShardBytes, input.RowAlignment);

            ShardAssert.EveryShardReadsAsTheWholeFile(input.Bytes, plan);
            Assert.All(plan.Shards.Skip(1), shard => Assert.Equal(0, (shard.FirstRow - 1) % input.RowAlignment));
        });

    /// <summary>One generated file and how to plan it; printed as the file's text when the property fails.</summary>
    public sealed record ShardCase(byte[] Bytes, long TargetShardBytes, int RowAlignment)
    {
        public override string ToString() =>
            $"target {TargetShardBytes}, alignment {RowAlignment}, {Bytes.Length} bytes: "
            + Encoding.UTF8.GetString(Bytes).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
