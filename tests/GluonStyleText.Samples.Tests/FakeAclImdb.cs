using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace GluonStyleText.Samples.Tests;

/// <summary>
/// A tiny stand-in for the aclImdb release: a few reviews per split and class, plus the files the
/// converter must skip (unlabelled reviews, URL lists, vocabulary, README).
/// </summary>
internal static class FakeAclImdb
{
    public const string TrickyReview = "A \"fine\" film, with commas.<br /><br />And a second paragraph.";

    private static readonly (string Path, string Text)[] Files =
    [
        ("aclImdb/train/pos/0_9.txt", "Bromwell High is a cartoon comedy."),
        ("aclImdb/train/pos/1_7.txt", TrickyReview),
        ("aclImdb/train/pos/10_8.txt", "Great."),
        ("aclImdb/train/neg/0_3.txt", "Story of a man who has unnatural feelings for a pig."),
        ("aclImdb/train/neg/2_1.txt", "Awful, just awful."),
        ("aclImdb/test/pos/0_10.txt", "I went and saw this movie last night."),
        ("aclImdb/test/pos/3_7.txt", "Café crème, naïve plot ☺"),
        ("aclImdb/test/neg/0_2.txt", "Once again Mr. Costner has dragged out a movie."),
        ("aclImdb/test/neg/5_4.txt", "Not good."),
        ("aclImdb/train/unsup/0_0.txt", "Unlabelled review that must be ignored."),
        ("aclImdb/test/urls_pos.txt", "http://www.imdb.com/title/tt0453418/usercomments"),
        ("aclImdb/imdb.vocab", "the\nand\n"),
        ("aclImdb/README", "Large Movie Review Dataset v1.0"),
    ];

    /// <summary>The rows train.csv must hold, as (sentiment, review), in no particular order.</summary>
    public static IReadOnlyList<(int Sentiment, string Review)> ExpectedTrainRows { get; } =
        ExpectedRows("aclImdb/train/");

    /// <summary>The rows test.csv must hold, as (sentiment, review), in no particular order.</summary>
    public static IReadOnlyList<(int Sentiment, string Review)> ExpectedTestRows { get; } =
        ExpectedRows("aclImdb/test/");

    /// <summary>The release as a .tar.gz, with folder entries like the real one.</summary>
    public static byte[] CreateArchive()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var folder in Files.Select(file => file.Path[..(file.Path.LastIndexOf('/') + 1)]).Distinct())
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, folder));
            }

            foreach (var (path, text) in Files)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
            }
        }

        return output.ToArray();
    }

    /// <summary>Writes the release extracted under <paramref name="directory"/> (so it gets an aclImdb folder).</summary>
    public static void Extract(string directory)
    {
        foreach (var (path, text) in Files)
        {
            var fullPath = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            File.WriteAllText(fullPath, text);
        }
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static (int Sentiment, string Review)[] ExpectedRows(string splitPrefix) =>
    [
        .. Files
            .Where(file => file.Path.StartsWith(splitPrefix + "pos/", StringComparison.Ordinal)
                || file.Path.StartsWith(splitPrefix + "neg/", StringComparison.Ordinal))
            .Select(file => (file.Path.Contains("/pos/", StringComparison.Ordinal) ? 1 : 0, file.Text)),
    ];
}
