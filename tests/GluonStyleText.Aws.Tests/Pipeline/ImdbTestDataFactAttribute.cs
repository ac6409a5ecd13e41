namespace GluonStyleText.Aws.Tests.Pipeline;

/// <summary>
/// A fact that runs only when the IMDB test reviews (<c>../shared/data/imdb/test.csv</c> beside the
/// repository root) are there; the data is never part of the repository.
/// </summary>
public sealed class ImdbTestDataFactAttribute : FactAttribute
{
    public ImdbTestDataFactAttribute()
    {
        if (!File.Exists(TestCsvPath))
        {
            Skip = $"The IMDB test reviews are not at '{TestCsvPath}' (../shared/data/imdb/test.csv beside the repository root).";
        }
    }

    /// <summary>Where the IMDB test reviews are expected.</summary>
    public static string TestCsvPath =>
        Path.GetFullPath(Path.Combine(Infrastructure.RepositoryPaths.Root, "..", "shared", "data", "imdb", "test.csv"));
}
