namespace GluonStyleText.Samples.Imdb.Data;

/// <summary>The header line of the sample's CSV files: <c>sentiment,review</c>.</summary>
internal static class ImdbCsvHeader
{
    /// <summary>Name of the label column (1 positive, 0 negative).</summary>
    public const string SentimentColumn = "sentiment";

    /// <summary>Name of the text column.</summary>
    public const string ReviewColumn = "review";

    /// <summary>The whole header line.</summary>
    public const string Line = SentimentColumn + "," + ReviewColumn;

    /// <summary>Fails early, naming the file, when a CSV given with <c>--data</c> does not start with the expected header.</summary>
    /// <exception cref="InvalidDataException">The first line is not <c>sentiment,review</c>.</exception>
    public static async Task EnsureAsync(string csvPath, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(csvPath);
        var firstLine = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (firstLine != Line)
        {
            var found = firstLine is null ? "an empty file" : $"'{firstLine}'";
            throw new InvalidDataException($"{csvPath} line 1: expected the header '{Line}' but found {found}.");
        }
    }
}
