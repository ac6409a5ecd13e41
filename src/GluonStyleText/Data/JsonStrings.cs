using System.Text;
using System.Text.Json;

namespace GluonStyleText.Data;

/// <summary>
/// Finds a string in well-formed JSON that cannot become a .NET string. The JSON parser accepts invalid UTF-8
/// inside strings and escapes of unpaired surrogates (<c>"\uD800"</c>), and fails only when the string is read,
/// with an <see cref="InvalidOperationException"/> that names no place; the readers of this library's JSON files
/// check first, so that their error names the file and line like every other format error.
/// </summary>
internal static class JsonStrings
{
    /// <summary>Where the first unreadable string or key is, or null when every one reads.</summary>
    /// <param name="json">Well-formed JSON (a syntax error is the parser's to report).</param>
    /// <param name="options">The parser options the reader uses (comments, trailing commas).</param>
    /// <returns>The 1-based line and the problem, in words.</returns>
    public static (long Line, string Problem)? FindUnreadable(ReadOnlySpan<byte> json, JsonReaderOptions options = default)
    {
        var reader = new Utf8JsonReader(json, options);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
                {
                    continue;
                }

                try
                {
                    _ = reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    string what = reader.TokenType == JsonTokenType.PropertyName ? "a key" : "a string";
                    return (LineOf(json, reader.TokenStartIndex), $"{what} is not valid Unicode (invalid UTF-8, or an escape of an unpaired surrogate such as \\uD800)");
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON is reported by the parser that the reader runs next, with its own line.
        }

        return null;
    }

    /// <inheritdoc cref="FindUnreadable(ReadOnlySpan{byte}, JsonReaderOptions)"/>
    public static (long Line, string Problem)? FindUnreadable(string json, JsonReaderOptions options = default) =>
        FindUnreadable(Encoding.UTF8.GetBytes(json), options);

    private static long LineOf(ReadOnlySpan<byte> json, long offset)
    {
        ReadOnlySpan<byte> before = json[..(int)Math.Min(offset, json.Length)];
        return before.Count((byte)'\n') + 1;
    }
}
