using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Samples.Imdb.Data;

/// <summary>
/// Downloads a file over HTTP into a partial file, continuing where an earlier attempt stopped
/// (an HTTP range request for the bytes the partial file lacks) when the server allows it.
/// </summary>
internal sealed partial class ResumableDownloader(HttpClient httpClient, ILogger logger)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Completes <paramref name="partialPath"/> with the bytes of <paramref name="uri"/>. The partial
    /// file is kept on failure or cancellation so that the next call can resume it.
    /// </summary>
    /// <exception cref="HttpRequestException">The server answered with an error status; the message names the address.</exception>
    public async Task DownloadAsync(Uri uri, string partialPath, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var offset = File.Exists(partialPath) ? new FileInfo(partialPath).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
            LogResuming(logger, uri, offset);
        }
        else
        {
            LogDownloading(logger, uri, partialPath);
        }

        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (offset > 0 && response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // Nothing lies beyond what we have: the partial file is complete (the checksum will tell).
            LogAlreadyComplete(logger, partialPath, offset);
            return;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"Downloading {uri} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        var resumed = offset > 0 && response.StatusCode == HttpStatusCode.PartialContent;
        if (resumed && response.Content.Headers.ContentRange?.From != offset)
        {
            File.Delete(partialPath);
            throw new HttpRequestException(
                $"Downloading {uri} failed: asked for bytes {offset}- but got '{response.Content.Headers.ContentRange}'. Deleted {partialPath}; run again to start afresh.");
        }

        if (offset > 0 && !resumed)
        {
            LogRangeIgnored(logger, uri);
            offset = 0;
        }

        var totalBytes = resumed
            ? response.Content.Headers.ContentRange?.Length
            : response.Content.Headers.ContentLength;
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var file = new FileStream(
                partialPath, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                await CopyAsync(body, file, offset, totalBytes, progress, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task CopyAsync(
        Stream body, FileStream file, long offset, long? totalBytes, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var bytesDone = offset;
        DownloadProgress Progress() =>
            new(bytesDone, totalBytes, clock.Elapsed.TotalSeconds > 0 ? (bytesDone - offset) / clock.Elapsed.TotalSeconds : 0);

        progress?.Report(Progress());
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            bytesDone += read;
            if (clock.Elapsed - lastReport >= ProgressInterval)
            {
                lastReport = clock.Elapsed;
                progress?.Report(Progress());
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(Progress());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Downloading {Uri} to {Path}")]
    private static partial void LogDownloading(ILogger logger, Uri uri, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming the download of {Uri} at byte {Offset}")]
    private static partial void LogResuming(ILogger logger, Uri uri, long offset);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Path} already holds all {Bytes} bytes")]
    private static partial void LogAlreadyComplete(ILogger logger, string path, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Uri} does not support resuming; downloading it from the start")]
    private static partial void LogRangeIgnored(ILogger logger, Uri uri);
}
