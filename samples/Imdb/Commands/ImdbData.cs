using GluonStyleText.Cli.ConsoleUi;
using GluonStyleText.Samples.Imdb.Data;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Samples.Imdb.Commands;

/// <summary>Finds the IMDB CSVs for a command: in <c>--data</c>, or downloaded into the cache with a progress line.</summary>
internal static class ImdbData
{
    public static async Task<ImdbDataFiles> GetAsync(CommandSession session, string? dataDirectory, string? cacheDirectory, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var options = new ImdbDatasetOptions();
        if (cacheDirectory is not null)
        {
            options.CacheDirectory = Path.GetFullPath(cacheDirectory);
        }

        var dataset = new ImdbDataset(http, options, session.Loggers.CreateLogger<ImdbDataset>());
        var files = await dataset.GetAsync(dataDirectory, StepProgress.Create<DownloadProgress>(session.Progress, (value, _) => $"Downloading  {value}"), cancellationToken).ConfigureAwait(false);
        session.Progress.Complete();
        return files;
    }
}
