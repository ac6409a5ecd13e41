using CsvHelper;

namespace GluonStyleText.Samples.Imdb.Data;

/// <summary>
/// Writes reviews as the sample's <c>train.csv</c> and <c>test.csv</c>: header <c>sentiment,review</c>,
/// UTF-8 without byte-order mark, RFC 4180 quoting, CRLF row ends (CsvHelper's defaults).
/// </summary>
internal static class ImdbCsvWriter
{
    /// <summary>
    /// Seed of the row shuffle, fixed so that every conversion of the same release gives the same files.
    /// </summary>
    public const int ShuffleSeed = 20110619;

    /// <summary>
    /// Writes both files, each in a shuffled order that mixes the classes. Each goes to a temporary name
    /// first and both are renamed only once both are complete, so a failure or cancellation leaves
    /// neither file half-written.
    /// </summary>
    public static async Task WriteAsync(ImdbReviewSets reviews, ImdbDataFiles files, CancellationToken cancellationToken)
    {
        var trainTemporary = files.TrainCsvPath + ".tmp";
        var testTemporary = files.TestCsvPath + ".tmp";
        try
        {
            await WriteSplitAsync(reviews.Train, trainTemporary, cancellationToken).ConfigureAwait(false);
            await WriteSplitAsync(reviews.Test, testTemporary, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(trainTemporary, files.TrainCsvPath, overwrite: true);
            File.Move(testTemporary, files.TestCsvPath, overwrite: true);
        }
        finally
        {
            DeleteIfExists(trainTemporary);
            DeleteIfExists(testTemporary);
        }
    }

    /// <summary>The order rows are written in: sorted by sentiment and id (so the input order does not matter), then shuffled.</summary>
    public static ImdbReview[] ShuffledRows(IReadOnlyList<ImdbReview> reviews)
    {
        var rows = reviews.OrderBy(review => review.Sentiment).ThenBy(review => review.Id).ToArray();
        new Random(ShuffleSeed).Shuffle(rows);
        return rows;
    }

    private static void DeleteIfExists(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static async Task WriteSplitAsync(IReadOnlyList<ImdbReview> reviews, string path, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1, useAsync: true);
        var csv = CsvWriter.Create(file, options: null, leaveOpen: false);
        await using (csv.ConfigureAwait(false))
        {
            csv.WriteField(ImdbCsvHeader.SentimentColumn);
            csv.WriteField(ImdbCsvHeader.ReviewColumn);
            await csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in ShuffledRows(reviews))
            {
                cancellationToken.ThrowIfCancellationRequested();
                csv.WriteField(row.Sentiment);
                csv.WriteField(row.Text);
                await csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
            }

            await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
