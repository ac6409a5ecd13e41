using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GluonStyleText.Samples.Imdb.Data;

/// <summary>
/// Gets the IMDB reviews as <c>train.csv</c> and <c>test.csv</c>: from a folder the user names
/// (<c>--data</c>), or else downloaded once from Stanford, checked against its SHA-256, converted and
/// kept in a cache folder.
/// </summary>
internal sealed partial class ImdbDataset
{
    /// <summary>Name of the training CSV in a data or cache folder.</summary>
    public const string TrainFileName = "train.csv";

    /// <summary>Name of the test CSV in a data or cache folder.</summary>
    public const string TestFileName = "test.csv";

    /// <summary>Name of the extracted archive's folder inside a data folder.</summary>
    public const string ExtractedFolderName = "aclImdb";

    /// <summary>Name of the verified archive in the cache folder.</summary>
    public const string ArchiveFileName = "aclImdb_v1.tar.gz";

    /// <summary>Suffix of the archive while it is being downloaded and not yet verified.</summary>
    public const string PartialSuffix = ".part";

    private readonly ImdbDatasetOptions _options;
    private readonly ILogger _logger;
    private readonly ResumableDownloader _downloader;

    /// <summary>Creates the dataset source.</summary>
    /// <param name="httpClient">Used for the download only; its lifetime stays with the caller.</param>
    /// <param name="options">Archive address, checksum and cache folder; the defaults when null.</param>
    /// <param name="logger">Told what is done; nothing when null.</param>
    public ImdbDataset(HttpClient httpClient, ImdbDatasetOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        this._options = options ?? new ImdbDatasetOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(this._options.CacheDirectory, "options.CacheDirectory");
        ArgumentException.ThrowIfNullOrWhiteSpace(this._options.ArchiveSha256, "options.ArchiveSha256");
        ArgumentNullException.ThrowIfNull(this._options.ArchiveUri, "options.ArchiveUri");
        this._logger = logger ?? NullLogger.Instance;
        _downloader = new ResumableDownloader(httpClient, this._logger);
    }

    /// <summary>
    /// The CSVs of <paramref name="dataDirectory"/> when given (see <see cref="FromDirectoryAsync"/>),
    /// else those of the cache (see <see cref="DownloadAsync"/>).
    /// </summary>
    public Task<ImdbDataFiles> GetAsync(
        string? dataDirectory, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        dataDirectory is null
            ? DownloadAsync(progress, cancellationToken)
            : FromDirectoryAsync(dataDirectory, cancellationToken);

    /// <summary>
    /// <c>train.csv</c> and <c>test.csv</c> of <paramref name="dataDirectory"/>. When they are absent but
    /// the folder holds an extracted <c>aclImdb</c> folder, they are first written beside it.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder, or one of the <c>aclImdb</c> review folders, does not exist.</exception>
    /// <exception cref="FileNotFoundException">Neither both CSVs nor an <c>aclImdb</c> folder are there; the message names what is missing.</exception>
    /// <exception cref="InvalidDataException">A CSV lacks the <c>sentiment,review</c> header, or a review file is misnamed.</exception>
    public async Task<ImdbDataFiles> FromDirectoryAsync(string dataDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var directory = Path.GetFullPath(dataDirectory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"IMDB data folder not found: {directory}");
        }

        var files = FilesIn(directory);
        if (File.Exists(files.TrainCsvPath) && File.Exists(files.TestCsvPath))
        {
            await ImdbCsvHeader.EnsureAsync(files.TrainCsvPath, cancellationToken).ConfigureAwait(false);
            await ImdbCsvHeader.EnsureAsync(files.TestCsvPath, cancellationToken).ConfigureAwait(false);
            LogUsingCsvs(_logger, directory);
            return files;
        }

        var extracted = Path.Combine(directory, ExtractedFolderName);
        if (Directory.Exists(extracted))
        {
            LogConverting(_logger, extracted);
            var reviews = await AclImdbFolderReader.ReadAsync(extracted, cancellationToken).ConfigureAwait(false);
            reviews.EnsureComplete(extracted);
            await WriteCsvsAsync(reviews, files, cancellationToken).ConfigureAwait(false);
            return files;
        }

        var missing = string.Join(" and ", new[] { files.TrainCsvPath, files.TestCsvPath }.Where(path => !File.Exists(path)));
        throw new FileNotFoundException(
            $"IMDB data not found: missing {missing}. Put train.csv and test.csv (header {ImdbCsvHeader.Line}) in {directory}, "
            + $"or the {ExtractedFolderName} folder extracted from {ImdbDatasetOptions.OfficialArchiveUri}, or leave out --data to download it.",
            files.TrainCsvPath);
    }

    /// <summary>
    /// The cached CSVs. On first use this downloads the archive (resuming an interrupted download),
    /// verifies its SHA-256, keeps it in the cache folder and converts it; later calls only find the
    /// cached CSVs.
    /// </summary>
    /// <exception cref="InvalidDataException">The download's SHA-256 differs from the expected one (the download is deleted), or the archive is unreadable.</exception>
    /// <exception cref="HttpRequestException">The server could not be reached or answered with an error.</exception>
    public async Task<ImdbDataFiles> DownloadAsync(IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var directory = Path.GetFullPath(_options.CacheDirectory);
        var files = FilesIn(directory);
        if (File.Exists(files.TrainCsvPath) && File.Exists(files.TestCsvPath))
        {
            LogUsingCache(_logger, directory);
            return files;
        }

        Directory.CreateDirectory(directory);
        var archive = Path.Combine(directory, ArchiveFileName);
        if (File.Exists(archive))
        {
            LogUsingCachedArchive(_logger, archive);
        }
        else
        {
            await DownloadArchiveAsync(archive, progress, cancellationToken).ConfigureAwait(false);
        }

        LogConverting(_logger, archive);
        var reviews = await AclImdbArchiveReader.ReadAsync(archive, cancellationToken).ConfigureAwait(false);
        reviews.EnsureComplete(archive);
        await WriteCsvsAsync(reviews, files, cancellationToken).ConfigureAwait(false);
        return files;
    }

    private static ImdbDataFiles FilesIn(string directory) =>
        new(Path.Combine(directory, TrainFileName), Path.Combine(directory, TestFileName));

    private async Task DownloadArchiveAsync(string archive, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var partial = archive + PartialSuffix;
        await _downloader.DownloadAsync(_options.ArchiveUri, partial, progress, cancellationToken).ConfigureAwait(false);

        LogVerifying(_logger, partial);
        var actual = await FileChecksum.ComputeSha256Async(partial, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(actual, _options.ArchiveSha256, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(partial);
            throw new InvalidDataException(
                $"Checksum mismatch for {_options.ArchiveUri}: expected SHA-256 {_options.ArchiveSha256.ToLowerInvariant()} "
                + $"but the download has {actual}. Deleted {partial}; run again to download it afresh.");
        }

        File.Move(partial, archive, overwrite: true);
    }

    private async Task WriteCsvsAsync(ImdbReviewSets reviews, ImdbDataFiles files, CancellationToken cancellationToken)
    {
        await ImdbCsvWriter.WriteAsync(reviews, files, cancellationToken).ConfigureAwait(false);
        LogWrote(_logger, reviews.Train.Count, files.TrainCsvPath, reviews.Test.Count, files.TestCsvPath);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the IMDB CSVs in {Directory}")]
    private static partial void LogUsingCsvs(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the cached IMDB CSVs in {Directory}")]
    private static partial void LogUsingCache(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the cached archive {Archive}")]
    private static partial void LogUsingCachedArchive(ILogger logger, string archive);

    [LoggerMessage(Level = LogLevel.Information, Message = "Verifying the SHA-256 of {Path}")]
    private static partial void LogVerifying(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Converting {Source} to CSV")]
    private static partial void LogConverting(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote {TrainCount} reviews to {TrainPath} and {TestCount} to {TestPath}")]
    private static partial void LogWrote(ILogger logger, int trainCount, string trainPath, int testCount, string testPath);
}
