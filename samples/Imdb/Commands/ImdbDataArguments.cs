using System.CommandLine;
using GluonStyleText.Cli.Commands;
using GluonStyleText.Cli.ConsoleUi;

namespace GluonStyleText.Samples.Imdb.Commands;

/// <summary>
/// How the IMDB sample's <c>train</c> and <c>evaluate</c> find their data: <c>--data DIR</c> (the IMDB CSVs
/// or an extracted aclImdb folder), a single file (<c>--train</c> or <c>--test</c>), or nothing, which
/// downloads the official archive once into the cache.
/// </summary>
internal static class ImdbDataArguments
{
    /// <summary>For <c>train</c>: train.csv; the default bundle is <c>models/imdb-&lt;preset or config name&gt;</c>.</summary>
    public static DataArguments Training() => Create("--train", "A labeled training CSV (columns sentiment, review), instead of --data.", files => files.TrainCsvPath);

    /// <summary>For <c>evaluate</c>: test.csv.</summary>
    public static DataArguments Evaluation() => Create("--test", "A labeled test CSV (columns sentiment, review), instead of --data.", files => files.TestCsvPath);

    public static Option<string?> Data() => new("--data")
    {
        Description = "Folder with the IMDB train.csv and test.csv (header sentiment,review), or an extracted aclImdb folder. Without it, the official archive is downloaded once into the cache.",
        HelpName = "DIR",
    };

    public static Option<string?> CacheDirectory() => new("--cache-dir")
    {
        Description = "Where the downloaded IMDB archive and its CSVs are kept (default: the user's cache folder).",
        HelpName = "DIR",
    };

    private static DataArguments Create(string fileOptionName, string fileDescription, Func<Data.ImdbDataFiles, string> pick)
    {
        var data = Data();
        var file = new Option<string?>(fileOptionName) { Description = fileDescription, HelpName = "FILE" };
        var cache = CacheDirectory();
        return new DataArguments(
            [data, file, cache],
            result =>
            {
                if (result.GetResult(data) is not null && result.GetResult(file) is not null)
                {
                    result.AddError($"Give either --data or {fileOptionName}, not both.");
                }
            },
            async (parseResult, session, token) => parseResult.GetValue(file) is { } path
                ? FileArguments.Require(path, fileOptionName)
                : pick(await ImdbData.GetAsync(session, parseResult.GetValue(data), parseResult.GetValue(cache), token).ConfigureAwait(false)),
            (_, configuration) => Path.Combine("models", $"imdb-{configuration.RunName}"));
    }
}
