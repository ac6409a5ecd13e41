using System.IO.Compression;
using System.Text;
using GluonStyleText.Data;

namespace GluonStyleText.Benchmarks;

/// <summary>
/// Where the benchmarks find the real data (../shared/data beside the repository, or GLUONSTYLETEXT_DATA)
/// and the IMDB sample's presets, and how much work that data is (counted once per process).
/// </summary>
internal static class BenchmarkData
{
    private static readonly Lazy<(int Reviews, double Megabytes)> TrainTextSize = new(() =>
    {
        var texts = LabeledCsvFile.Load(ImdbTrainCsv).Texts;
        return (texts.Count, texts.Sum(text => (long)Encoding.UTF8.GetByteCount(text)) / 1e6);
    });

    private static readonly Lazy<long> GloVeVectorCount = new(() =>
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(GloVe), CompressionMode.Decompress));
        long lines = 0;
        while (reader.ReadLine() is not null)
        {
            lines++;
        }

        return lines;
    });

    public static string ImdbTrainCsv => Path.Combine(DataRoot, "imdb", "train.csv");

    public static string ImdbTestCsv => Path.Combine(DataRoot, "imdb", "test.csv");

    public static string GloVe => Path.Combine(DataRoot, "embeddings", "glove.6B.100d.top100k.txt.gz");

    /// <summary>The IMDB sample's preset folder, so the benchmarks follow the presets as they are tuned.</summary>
    public static string PresetDirectory => Path.Combine(RepositoryRoot, "src", "GluonStyleText", "Options", "Presets");

    /// <summary>Reviews in train.csv.</summary>
    public static int TrainReviews => TrainTextSize.Value.Reviews;

    /// <summary>MB (10^6 bytes) of UTF-8 review text in train.csv, the unit of the text pipeline's throughput.</summary>
    public static double TrainTextMegabytes => TrainTextSize.Value.Megabytes;

    /// <summary>Lines (word vectors) in the GloVe file.</summary>
    public static long GloVeVectors => GloVeVectorCount.Value;

    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "GluonStyleText.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new DirectoryNotFoundException(
                $"Cannot find the repository root (GluonStyleText.sln) above {AppContext.BaseDirectory}; run the benchmarks from the repository's build output.");
        }
    }

    private static string DataRoot =>
        Environment.GetEnvironmentVariable("GLUONSTYLETEXT_DATA") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot, "..", "shared", "data");
}
