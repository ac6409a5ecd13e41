using System.Globalization;
using System.Text;

namespace GluonStyleText.Samples.Imdb.Data;

/// <summary>
/// Where one labelled review file of the aclImdb release belongs: its split, sentiment and id, all
/// read from its path <c>aclImdb/{train|test}/{pos|neg}/{id}_{rating}.txt</c>.
/// </summary>
internal sealed record AclImdbEntry(ImdbSplit Split, int Sentiment, int Id)
{
    /// <summary>The four folders that hold labelled reviews, relative to <c>aclImdb</c>.</summary>
    public static IReadOnlyList<(ImdbSplit Split, int Sentiment, string Folder)> LabelledFolders { get; } =
    [
        (ImdbSplit.Train, 1, "train/pos"),
        (ImdbSplit.Train, 0, "train/neg"),
        (ImdbSplit.Test, 1, "test/pos"),
        (ImdbSplit.Test, 0, "test/neg"),
    ];

    // Review files are UTF-8. A byte-order mark, if any, stays part of the text so that the CSV holds
    // each file's text unchanged.
    private static readonly Encoding TextEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// The entry for a path ending in <c>{train|test}/{pos|neg}/{id}_{rating}.txt</c>, or null for
    /// any other file of the release (unlabelled <c>unsup</c> reviews, URL lists, bag-of-words
    /// features, README, vocabulary).
    /// </summary>
    /// <exception cref="InvalidDataException">A <c>.txt</c> file in a labelled folder is not named <c>{id}_{rating}.txt</c>.</exception>
    public static AclImdbEntry? FromPath(string path)
    {
        var parts = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3)
        {
            return null;
        }

        var folder = $"{parts[^3]}/{parts[^2]}";
        foreach (var labelled in LabelledFolders)
        {
            if (labelled.Folder == folder && parts[^1].EndsWith(".txt", StringComparison.Ordinal))
            {
                return new AclImdbEntry(labelled.Split, labelled.Sentiment, ParseId(parts[^1], path));
            }
        }

        return null;
    }

    /// <summary>Reads a review file's text.</summary>
    public static async Task<string> ReadTextAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, TextEncoding, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    private static int ParseId(string fileName, string path)
    {
        var stem = fileName[..^".txt".Length];
        var underscore = stem.IndexOf('_', StringComparison.Ordinal);
        if (underscore > 0
            && int.TryParse(stem.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && int.TryParse(stem.AsSpan(underscore + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return id;
        }

        throw new InvalidDataException($"{path}: expected a review file named <id>_<rating>.txt, like 0_9.txt.");
    }
}
