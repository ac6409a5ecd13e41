using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace GluonStyleText.Tests.Fuzzing;

/// <summary>
/// One edit of a file's bytes, of the kinds that real damage and hostile hands make: a flipped bit, a cut,
/// a deleted or repeated stretch (a header line twice), an inserted quote, line break, NUL, broken UTF-8 or a
/// number too large for any field. Positions are fractions of the length, so an edit applies to any file.
/// </summary>
public sealed record Mutation(Mutation.Kind What, double Where, int Size, byte[] Token)
{
    public enum Kind
    {
        FlipBit,
        SetByte,
        Truncate,
        Delete,
        Duplicate,
        Insert,
        Replace,
    }

    /// <summary>What is inserted: the characters every format here gives a meaning, bytes that are not UTF-8, huge and odd numbers.</summary>
    public static IReadOnlyList<byte[]> Tokens { get; } =
    [
        .. new[]
        {
            "\"", "\"\"", "\n", "\r", "\r\n", "\0", ",", ";", "\t", " ", "{", "}", "[", "]", ":", "\\", "\\u0000", "\\uD800",
            "1e400", "-1e400", "-1", "0", "-0", "2147483648", "-2147483649", "9223372036854775808", "99999999999999999999999999",
            "4294967296", "1.5", "NaN", "Infinity", "null", "true", "[]", "{}", "\"\":", ",,,,", "\n\n\n",
            "review", "sentiment", "sentiment,review", "review,review", "<pad>", "<unk>",
        }.Select(Encoding.UTF8.GetBytes),
        [0xFF], [0xFE], [0xC3], [0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF],
        [0x1F, 0x8B], [0x00, 0x00, 0x80, 0x7F], [0x00, 0x00, 0xC0, 0x7F], [0x50, 0x4B, 0x03, 0x04],
        Encoding.UTF8.GetBytes(new string('x', 5000)),
    ];

    public static Gen<Mutation> Generator { get; } =
        from what in Gen.Elements(Enum.GetValues<Kind>())
        from position in Gen.Choose(0, 1_000_000).Select(n => n / 1_000_000.0)
        from size in Gen.Frequency((4, Gen.Choose(1, 8)), (1, Gen.Choose(9, 400)))
        from token in Gen.Frequency((3, Gen.Elements(Tokens.ToArray())), (1, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 4)))
        select new Mutation(what, position, size, token);

    /// <summary>Applies the edit to a copy of <paramref name="input"/>.</summary>
    public byte[] Apply(byte[] input)
    {
        var bytes = new List<byte>(input);
        int at = (int)(Where * bytes.Count);
        int inside = Math.Min(at, Math.Max(0, bytes.Count - 1));
        switch (What)
        {
            case Kind.FlipBit when bytes.Count > 0:
                bytes[inside] ^= (byte)(1 << (Size % 8));
                break;
            case Kind.SetByte when bytes.Count > 0:
                bytes[inside] = Token.Length > 0 ? Token[0] : (byte)Size;
                break;
            case Kind.Truncate:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case Kind.Delete:
                bytes.RemoveRange(at, Math.Min(Size, bytes.Count - at));
                break;
            case Kind.Duplicate:
                bytes.InsertRange(at, bytes.GetRange(at, Math.Min(Size * 4, bytes.Count - at)));
                break;
            case Kind.Insert:
                bytes.InsertRange(at, Token);
                break;
            case Kind.Replace:
                bytes.RemoveRange(at, Math.Min(Size, bytes.Count - at));
                bytes.InsertRange(at, Token);
                break;
        }

        return [.. bytes];
    }

    /// <summary>Applies every edit in order.</summary>
    public static byte[] ApplyAll(byte[] input, IEnumerable<Mutation> mutations) =>
        mutations.Aggregate(input, (bytes, mutation) => mutation.Apply(bytes));

    /// <summary>Up to <paramref name="most"/> edits, most inputs getting one or two so that they stay close to valid.</summary>
    public static Gen<Mutation[]> Several(int most = 4) =>
        Gen.Frequency((3, Gen.Choose(1, 2)), (1, Gen.Choose(3, most))).SelectMany(count => Gen.ArrayOf(Generator, count));
}
