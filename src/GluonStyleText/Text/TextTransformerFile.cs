using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using GluonStyleText.Data;

namespace GluonStyleText.Text;

/// <summary>
/// Saves and loads a <see cref="TextTransformer"/> as versioned JSON: format name, version,
/// options and the vocabulary in id order. Loading checks everything and names the file in any error.
/// </summary>
internal static class TextTransformerFile
{
    /// <summary>Value of the <c>format</c> field.</summary>
    public const string FormatName = "GluonStyleText.TextTransformer";

    /// <summary>The only version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    private static readonly TextTransformerJsonContext Json = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // Keeps words of every script readable in the file; it is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static void Save(TextTransformer transformer, Stream stream)
    {
        var document = new TextTransformerDocument
        {
            Format = FormatName,
            Version = CurrentVersion,
            Options = transformer.GetOptions(),
            Vocabulary = transformer.Vocabulary.Words,
        };
        JsonSerializer.Serialize(stream, document, Json.TextTransformerDocument);
    }

    public static void Save(TextTransformer transformer, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, stream => Save(transformer, stream));
    }

    public static TextTransformer Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Load(stream, path);
    }

    public static TextTransformer Load(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] bytes;
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            bytes = copy.ToArray();
        }

        // Before the header: even looking a key up fails on a key that is not valid Unicode.
        if (JsonStrings.FindUnreadable(bytes) is { } unreadable)
        {
            throw Invalid(sourceName, Invariant($"is not a valid text transformer file at line {unreadable.Line}: {unreadable.Problem}."));
        }

        CheckHeader(bytes, sourceName);

        TextTransformerDocument document;
        try
        {
            document = JsonSerializer.Deserialize(bytes, Json.TextTransformerDocument)
                ?? throw Invalid(sourceName, "holds null instead of a text transformer.");
        }
        catch (JsonException ex)
        {
            throw Invalid(sourceName, Describe(ex), ex);
        }
        return Create(document, sourceName);
    }

    /// <summary>Checks format and version first, so that a newer file is reported as such rather than as malformed.</summary>
    private static void CheckHeader(byte[] bytes, string sourceName)
    {
        try
        {
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(sourceName, Invariant($"is not a text transformer file: its JSON is {root.ValueKind}, not an object."));
            }
            // ValueEquals compares the raw UTF-8, so a damaged string cannot make the comparison itself throw.
            if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || !format.ValueEquals(FormatName))
            {
                throw Invalid(sourceName, Invariant($"is not a text transformer file: its \"format\" is not \"{FormatName}\"."));
            }
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number))
            {
                throw Invalid(sourceName, "has no integer \"version\".");
            }
            if (number != CurrentVersion)
            {
                throw Invalid(sourceName, Invariant($"has text transformer format version {number}; this version of GluonStyleText reads version {CurrentVersion} only."));
            }
        }
        catch (JsonException ex)
        {
            throw Invalid(sourceName, Describe(ex), ex);
        }
    }

    private static TextTransformer Create(TextTransformerDocument document, string sourceName)
    {
        var options = document.Options ?? throw Invalid(sourceName, "has null \"options\".");
        if (options.FindProblem() is { } problem)
        {
            throw Invalid(sourceName, "has invalid \"options\": " + problem.Message);
        }

        var words = document.Vocabulary ?? throw Invalid(sourceName, "has null \"vocabulary\".");
        if (words.Count < Vocabulary.ReservedCount
            || words[Vocabulary.PaddingId] != Vocabulary.PaddingToken
            || words[Vocabulary.UnknownId] != Vocabulary.UnknownToken)
        {
            throw Invalid(sourceName, Invariant($"has a \"vocabulary\" that does not start with \"{Vocabulary.PaddingToken}\", \"{Vocabulary.UnknownToken}\"."));
        }
        if (words.Count > options.VocabularySize)
        {
            throw Invalid(sourceName, Invariant($"has {words.Count} \"vocabulary\" entries, more than its vocab_size {options.VocabularySize}."));
        }

        var tokenizer = new TextTokenizer(options);
        for (var id = Vocabulary.ReservedCount; id < words.Count; id++)
        {
            if (!IsSingleToken(tokenizer, words[id]))
            {
                throw Invalid(sourceName, Invariant($"has \"vocabulary\" entry {id}, \"{words[id]}\", which is not a single word as the tokenizer cuts them, so no text could ever match it."));
            }
        }

        Vocabulary vocabulary;
        try
        {
            vocabulary = new Vocabulary(words.Skip(Vocabulary.ReservedCount).Select(word => word!));
        }
        catch (ArgumentException ex)
        {
            throw Invalid(sourceName, "has an invalid \"vocabulary\": " + ex.Message, ex);
        }
        return new TextTransformer(options, vocabulary);
    }

    private static bool IsSingleToken(TextTokenizer tokenizer, string? word)
    {
        if (string.IsNullOrEmpty(word))
        {
            return false;
        }
        using var tokens = tokenizer.EnumerateTokens(word);
        return tokens.MoveNext() && tokens.Current.SequenceEqual(word) && !tokens.MoveNext();
    }

    private static string Describe(JsonException ex)
    {
        // The JSON message ends with zero-based positions; ours are one-based, as editors show them.
        var message = ex.Message;
        var positions = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (positions < 0)
        {
            positions = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }
        var detail = positions > 0 ? message[..positions] : message;
        var where = ex.LineNumber is { } line
            ? Invariant($"line {line + 1}, byte {ex.BytePositionInLine + 1}")
            : "an unknown position";
        var path = string.IsNullOrEmpty(ex.Path) ? string.Empty : Invariant($" ({ex.Path})");
        return Invariant($"is not a valid text transformer file at {where}{path}: {detail}");
    }

    private static InvalidDataException Invalid(string sourceName, string problem, Exception? inner = null) =>
        new(Invariant($"'{sourceName}' {problem}"), inner);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
