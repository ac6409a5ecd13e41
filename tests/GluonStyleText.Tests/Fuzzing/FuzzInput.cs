using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace GluonStyleText.Tests.Fuzzing;

/// <summary>
/// The bytes of one generated file and how they came about. FsCheck prints the failing input with
/// <see cref="ToString"/>, as a C# expression, so that it can be pasted into a regression test as it is.
/// </summary>
public sealed record FuzzInput(byte[] Bytes, string Origin)
{
    /// <summary>A valid file (from <paramref name="valid"/>) edited by a few mutations, or, one time in <paramref name="randomOneIn"/>, random bytes.</summary>
    public static Gen<FuzzInput> MutatedOrRandom(Gen<byte[]> valid, int randomOneIn = 8, int mostMutations = 4) =>
        Gen.Frequency(
            (randomOneIn - 1, from bytes in valid
                              from mutations in Mutation.Several(mostMutations)
                              select new FuzzInput(Mutation.ApplyAll(bytes, mutations), $"{mutations.Length} mutations")),
            (1, Random(valid)));

    /// <summary>Random bytes, half of the time printable text built from the valid file's own bytes (which finds more paths than noise).</summary>
    public static Gen<FuzzInput> Random(Gen<byte[]> valid) =>
        Gen.OneOf(
            Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(bytes => new FuzzInput(bytes, "random bytes")),
            from bytes in valid
            from picks in Gen.ArrayOf(Gen.Choose(0, Math.Max(0, bytes.Length - 1)))
            select new FuzzInput(bytes.Length == 0 ? [] : [.. picks.Select(i => bytes[i])], "random bytes of a valid file"));

    public override string ToString()
    {
        var literal = new StringBuilder("new byte[] { ");
        literal.AppendJoin(", ", Bytes.Select(b => string.Create(CultureInfo.InvariantCulture, $"0x{b:X2}")));
        literal.Append(" }");
        string text = Encoding.UTF8.GetString(Bytes).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal);
        return $"{Origin}, {Bytes.Length} bytes: {literal} /* {(text.Length > 400 ? text[..400] + "..." : text)} */";
    }
}
