using System.Text;

namespace GluonStyleText.Aws.Signing;

/// <summary>
/// The percent-encoding Signature Version 4 prescribes: every byte of the UTF-8 form except the
/// unreserved characters (A-Z, a-z, 0-9, '-', '.', '_', '~') becomes %XX in upper-case hex.
/// </summary>
/// <remarks>
/// Not <see cref="Uri.EscapeDataString(string)"/>: its set of characters left alone has changed
/// between .NET versions, and a signature must not depend on the runtime it was computed on.
/// </remarks>
internal static class SigV4UriEncoding
{
    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>Encodes <paramref name="value"/>; a '/' is kept only when <paramref name="keepSlashes"/> is true (paths).</summary>
    public static string Encode(string value, bool keepSlashes = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = Encoding.UTF8.GetBytes(value);
        var encoded = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (IsUnreserved(b) || (keepSlashes && b == '/'))
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }

        return encoded.ToString();
    }

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~';
}
