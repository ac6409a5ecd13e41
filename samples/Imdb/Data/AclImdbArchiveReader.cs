using System.Formats.Tar;
using System.IO.Compression;

namespace GluonStyleText.Samples.Imdb.Data;

/// <summary>
/// Reads the labelled reviews straight out of <c>aclImdb_v1.tar.gz</c>, without extracting its
/// 100,000 files to disk.
/// </summary>
internal static class AclImdbArchiveReader
{
    /// <summary>Reads every review of <c>aclImdb/{train,test}/{pos,neg}</c>; other entries are skipped.</summary>
    /// <exception cref="InvalidDataException">The file is not a tar.gz archive, or an entry is misnamed.</exception>
    public static async Task<ImdbReviewSets> ReadAsync(string archivePath, CancellationToken cancellationToken)
    {
        var reviews = new ImdbReviewSets();
        var file = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using (gzip.ConfigureAwait(false))
            {
                var tar = new TarReader(gzip);
                await using (tar.ConfigureAwait(false))
                {
                    try
                    {
                        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                        {
                            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile
                                && entry.DataStream is { } data
                                && AclImdbEntry.FromPath(entry.Name) is { } review)
                            {
                                reviews.Add(review, await AclImdbEntry.ReadTextAsync(data, cancellationToken).ConfigureAwait(false));
                            }
                        }
                    }
                    catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
                    {
                        throw new InvalidDataException($"{archivePath}: not a readable aclImdb tar.gz archive: {e.Message}", e);
                    }
                }
            }
        }

        return reviews;
    }
}
