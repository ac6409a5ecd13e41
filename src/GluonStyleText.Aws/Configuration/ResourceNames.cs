using System.Security.Cryptography;
using System.Text;

namespace GluonStyleText.Aws.Configuration;

/// <summary>
/// Builds AWS resource names that are readable, valid and deterministic: a sanitized form of
/// some text followed by a short hash of everything that makes the resource unique.
/// </summary>
internal static class ResourceNames
{
    /// <summary>Hex digits of SHA-256 kept in a name: 64 bits, so collisions need billions of names.</summary>
    public const int HashLength = 16;

    /// <summary>
    /// Returns <c>readable-hash</c> (or just the hash when nothing readable survives), at most
    /// <paramref name="maxLength"/> characters. Characters outside <paramref name="isAllowed"/> become
    /// hyphens; the name starts with a letter or digit and never ends with a separator.
    /// </summary>
    public static string Create(string readableText, IEnumerable<string> uniqueParts, int maxLength, Func<char, bool> isAllowed)
    {
        ArgumentNullException.ThrowIfNull(readableText);
        ArgumentNullException.ThrowIfNull(uniqueParts);
        var parts = uniqueParts.ToList();
        var hash = Hash([readableText, .. parts]);
        var readable = Sanitize(readableText, maxLength - HashLength - 1, isAllowed);
        return readable.Length == 0 ? hash : $"{readable}-{hash}";
    }

    private static string Sanitize(string text, int maxLength, Func<char, bool> isAllowed)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            if (char.IsAsciiLetterOrDigit(character) || (isAllowed(character) && builder.Length > 0))
            {
                builder.Append(character);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var sanitized = builder.ToString();
        if (sanitized.Length > maxLength)
        {
            sanitized = sanitized[..maxLength];
        }

        // Separators may only sit between letters or digits (SageMaker's rule, and tidy for Batch).
        return sanitized.TrimEnd('-', '_');
    }

    private static string Hash(IEnumerable<string> parts)
    {
        // Length prefixes keep ("ab", "c") and ("a", "bc") apart.
        var joined = new StringBuilder();
        foreach (var part in parts)
        {
            joined.Append(part.Length).Append(':').Append(part).Append('\n');
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(joined.ToString()));
        return Convert.ToHexString(digest, 0, HashLength / 2).ToLowerInvariant();
    }
}
