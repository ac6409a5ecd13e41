namespace GluonStyleText.Aws.Tests.Pipeline;

/// <summary>
/// Generated movie reviews that a tiny model learns in seconds: each holds two words of its
/// sentiment among neutral filler. Some contain commas and quotes, so the CSV files need quoting.
/// </summary>
internal static class SyntheticReviews
{
    public const string Positive = "positive";
    public const string Negative = "negative";

    private static readonly string[] PositiveWords = ["great", "wonderful", "excellent", "loved", "brilliant", "superb"];
    private static readonly string[] NegativeWords = ["awful", "terrible", "boring", "hated", "worst", "dull"];
    private static readonly string[] Filler = ["the", "movie", "film", "plot", "actor", "scene", "story", "was", "and", "a", "it", "this", "music", "ending"];

    /// <summary>Labeled reviews, half of each sentiment, in a seeded order.</summary>
    public static List<(string Label, string Text)> Create(int count, int seed)
    {
        var random = new Random(seed);
        var reviews = new List<(string, string)>(count);
        for (var i = 0; i < count; i++)
        {
            var positive = i % 2 == 0;
            var words = Enumerable.Range(0, random.Next(5, 14)).Select(_ => Filler[random.Next(Filler.Length)]).ToList();
            var marker = positive ? PositiveWords : NegativeWords;
            words.Insert(random.Next(words.Count + 1), marker[random.Next(marker.Length)]);
            words.Insert(random.Next(words.Count + 1), marker[random.Next(marker.Length)]);
            var text = string.Join(' ', words);
            text = (i % 7) switch
            {
                0 => text + ", really",
                1 => $"\"{text}\" she said",
                _ => text,
            };
            reviews.Add((positive ? Positive : Negative, text));
        }

        return reviews;
    }

    /// <summary>A labeled CSV file (<c>sentiment,review</c>) of <paramref name="reviews"/>.</summary>
    public static string ToCsv(IEnumerable<(string Label, string Text)> reviews) =>
        CsvText.Write(new[] { new[] { "sentiment", "review" } }.Concat(reviews.Select(r => new[] { r.Label, r.Text })));
}
