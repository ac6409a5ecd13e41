using System.Globalization;
using System.Text;

namespace GluonStyleText.Samples.Tests;

/// <summary>
/// IMDB-like CSVs, small enough for a one-epoch run in a second: header <c>sentiment,review</c>, CRLF,
/// quoted reviews (some with quotes and commas), labels <c>negative</c>/<c>positive</c>; and a tiny configuration.
/// </summary>
internal static class TinyImdbData
{
    private static readonly string[] Positive = ["great", "wonderful", "superb", "loved", "brilliant"];
    private static readonly string[] Negative = ["awful", "boring", "terrible", "hated", "dull"];
    private static readonly string[] Filler = "the film plot actor scene was and it story music movie director very a of".Split(' ');

    /// <summary>The JSON of a tiny CNN configuration: 1 epoch, 32 tokens, 200 words, 16-dimensional embeddings, on the CPU.</summary>
    public const string TinyConfig = """
        {"n_classes": 2, "num_epoch": 1, "seq_len": 32, "vocab_size": 200, "embed_size": 16,
         "kernel_sizes": [3], "filters": 8, "batch_size": 32, "learning_rate": 0.01, "device": "cpu"}
        """;

    /// <summary>
    /// The JSON of a tiny CNN configuration that learns the marker words in a second: 4 epochs at a higher
    /// learning rate. The 1-epoch <see cref="TinyConfig"/> stays near chance on this data.
    /// </summary>
    public const string LearningConfig = """
        {"n_classes": 2, "num_epoch": 4, "seq_len": 32, "vocab_size": 200, "embed_size": 16,
         "kernel_sizes": [3], "filters": 8, "batch_size": 32, "learning_rate": 0.05, "device": "cpu"}
        """;

    /// <summary>Writes train.csv (300 rows), test.csv (200 rows) and tiny.json (<paramref name="config"/>, by default <see cref="TinyConfig"/>) into <paramref name="directory"/>.</summary>
    public static (string TrainCsv, string TestCsv, string Config) Write(string directory, string config = TinyConfig)
    {
        var train = Path.Combine(directory, "train.csv");
        var test = Path.Combine(directory, "test.csv");
        var configPath = Path.Combine(directory, "tiny.json");
        WriteCsv(train, 300, seed: 1);
        WriteCsv(test, 200, seed: 2);
        File.WriteAllText(configPath, config);
        return (train, test, configPath);
    }

    private static void WriteCsv(string path, int rows, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("sentiment,review\r\n");
        for (var i = 0; i < rows; i++)
        {
            var positive = random.Next(2) == 1;
            var words = Enumerable.Range(0, random.Next(5, 30)).Select(_ => Filler[random.Next(Filler.Length)]).ToList();
            var markers = positive ? Positive : Negative;
            words.Insert(random.Next(words.Count + 1), markers[random.Next(markers.Length)]);
            words.Insert(random.Next(words.Count + 1), markers[random.Next(markers.Length)]);
            var review = string.Join(' ', words);
            if (i % 7 == 0)
            {
                review = $"He said, \"{review}\"";
            }

            csv.Append(CultureInfo.InvariantCulture, $"{(positive ? "positive" : "negative")},\"{review.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\r\n");
        }

        File.WriteAllText(path, csv.ToString());
    }
}
