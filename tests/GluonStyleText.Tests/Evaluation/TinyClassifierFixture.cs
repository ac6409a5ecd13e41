using System.Globalization;
using System.Text;
using GluonStyleText.Options;
using GluonStyleText.Prediction;
using GluonStyleText.Training;

namespace GluonStyleText.Tests.Evaluation;

/// <summary>
/// A small sentiment model trained once for a test class: reviews are "pos" when they contain
/// a positive word and "neg" when they contain a negative one, among filler words.
/// </summary>
public sealed class TinyClassifierFixture : IDisposable
{
    private static readonly string[] Filler = ["the", "film", "plot", "actor", "scene", "was", "and", "it", "story", "music"];
    private static readonly string[] Positive = ["great", "wonderful", "superb"];
    private static readonly string[] Negative = ["awful", "boring", "terrible"];

    private readonly string _folder = Directory.CreateTempSubdirectory("gluonstyletext-evaluator-").FullName;

    public TinyClassifierFixture()
    {
        var (texts, labels) = Reviews(200, seed: 1);
        var options = new TextClassifierOptions
        {
            VocabularySize = 40,
            SequenceLength = 12,
            EmbeddingSize = 16,
            KernelSize = 3,
            BatchSize = 16,
            Epochs = 10,
            LearningRate = 0.02,
            Device = "cpu",
            Seed = 5,
        };
        BundlePath = Path.Combine(_folder, "bundle");
        new TextClassifierTrainer(options).Train(texts, labels, BundlePath);
        Classifier = TextClassifier.Load(BundlePath);
    }

    public string BundlePath { get; }

    public TextClassifier Classifier { get; }

    public string Folder => _folder;

    /// <summary>Random reviews and their labels ("neg" or "pos").</summary>
    public static (List<string> Texts, List<string> Labels) Reviews(int count, int seed)
    {
        var random = new Random(seed);
        var texts = new List<string>();
        var labels = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var positive = random.Next(2) == 1;
            var words = Enumerable.Range(0, random.Next(3, 9)).Select(_ => Filler[random.Next(Filler.Length)]).ToList();
            var marker = positive ? Positive[random.Next(Positive.Length)] : Negative[random.Next(Negative.Length)];
            words.Insert(random.Next(words.Count + 1), marker);
            texts.Add(string.Join(' ', words));
            labels.Add(positive ? "pos" : "neg");
        }

        return (texts, labels);
    }

    /// <summary>Writes reviews as a <c>sentiment,review</c> CSV file in the fixture's folder.</summary>
    public string WriteCsv(string name, IReadOnlyList<string> texts, IReadOnlyList<string> labels)
    {
        var csv = new StringBuilder("sentiment,review\n");
        for (var i = 0; i < texts.Count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{labels[i]},\"{texts[i]}\"\n");
        }

        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    public void Dispose()
    {
        Classifier.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
