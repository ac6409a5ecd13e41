namespace GluonStyleText.Benchmarks;

/// <summary>Where the benchmarks find the real data: ../shared/data beside the repository, or GLUONSTYLETEXT_DATA.</summary>
internal static class BenchmarkData
{
    public static string ImdbTrainCsv => Path.Combine(DataRoot, "imdb", "train.csv");

    public static string ImdbTestCsv => Path.Combine(DataRoot, "imdb", "test.csv");

    public static string GloVe => Path.Combine(DataRoot, "embeddings", "glove.6B.100d.top100k.txt.gz");

    private static string DataRoot =>
        Environment.GetEnvironmentVariable("GLUONSTYLETEXT_DATA") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot(), "..", "shared", "data");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GluonStyleText.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"Cannot find the repository root (GluonStyleText.sln) above {AppContext.BaseDirectory}; set GLUONSTYLETEXT_DATA to the data folder.");
    }
}
