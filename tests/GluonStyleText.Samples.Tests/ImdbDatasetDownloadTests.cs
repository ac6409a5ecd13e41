using System.Net;
using GluonStyleText.Samples.Imdb.Data;

namespace GluonStyleText.Samples.Tests;

/// <summary>
/// The download path of <see cref="ImdbDataset"/>, against a fake aclImdb archive served from
/// 127.0.0.1 (the real address cannot be reached from tests).
/// </summary>
public sealed class ImdbDatasetDownloadTests : IDisposable
{
    private static readonly byte[] Archive = FakeAclImdb.CreateArchive();
    private readonly TemporaryDirectory _cache = new();
    private readonly HttpClient _httpClient = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose()
    {
        _httpClient.Dispose();
        _cache.Dispose();
    }

    [Fact]
    public async Task DownloadVerifiesAndConvertsTheArchiveIntoShuffledCsvs()
    {
        using var server = new LoopbackFileServer(Archive);

        var files = await Dataset(server).GetAsync(dataDirectory: null);

        Assert.Equal(_cache.Combine("train.csv"), files.TrainCsvPath);
        Assert.Equal(_cache.Combine("test.csv"), files.TestCsvPath);
        ImdbCsvRows.AssertSameRows(FakeAclImdb.ExpectedTrainRows, ImdbCsvRows.Read(files.TrainCsvPath));
        ImdbCsvRows.AssertSameRows(FakeAclImdb.ExpectedTestRows, ImdbCsvRows.Read(files.TestCsvPath));
        Assert.Equal(Archive, File.ReadAllBytes(_cache.Combine(ImdbDataset.ArchiveFileName)));
        Assert.Equal(
            ["aclImdb_v1.tar.gz", "test.csv", "train.csv"],
            Directory.GetFiles(_cache.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task CsvQuotesReviewsWithQuotesAndCommasAsRfc4180()
    {
        using var server = new LoopbackFileServer(Archive);

        var files = await Dataset(server).DownloadAsync();

        var text = await File.ReadAllTextAsync(files.TrainCsvPath);
        Assert.StartsWith("sentiment,review\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\n1,\"A \"\"fine\"\" film, with commas.<br /><br />And a second paragraph.\"\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\n0,Not good.\r\n", await File.ReadAllTextAsync(files.TestCsvPath), StringComparison.Ordinal);
        Assert.NotEqual(0xEF, File.ReadAllBytes(files.TrainCsvPath)[0]);
    }

    [Fact]
    public async Task ChecksumMismatchIsRefusedWithBothHashesAndLeavesNoFile()
    {
        using var server = new LoopbackFileServer(Archive);
        var wrong = new string('0', 64);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Dataset(server, sha256: wrong).DownloadAsync());

        Assert.Contains($"expected SHA-256 {wrong}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"but the download has {FakeAclImdb.Sha256(Archive)}", error.Message, StringComparison.Ordinal);
        Assert.Contains(server.Uri.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_cache.Path));
    }

    [Fact]
    public async Task ProgressGoesFromZeroToTheWholeFile()
    {
        using var server = new LoopbackFileServer(Archive);
        var progress = new RecordingProgress<DownloadProgress>();

        await Dataset(server).DownloadAsync(progress);

        Assert.Equal(0, progress.Reports[0].BytesDone);
        Assert.Equal(Archive.Length, progress.Reports[^1].BytesDone);
        Assert.All(progress.Reports, report => Assert.Equal(Archive.Length, report.TotalBytes));
        Assert.Equal(1.0, progress.Reports[^1].Fraction);
        Assert.True(progress.Reports[^1].BytesPerSecond >= 0);
    }

    [Fact]
    public async Task SecondCallUsesTheCacheWithoutAnyRequest()
    {
        using var server = new LoopbackFileServer(Archive);
        var first = await Dataset(server).DownloadAsync();
        var written = File.GetLastWriteTimeUtc(first.TrainCsvPath);

        var second = await Dataset(server).DownloadAsync();

        Assert.Equal(first, second);
        Assert.Equal(1, server.RequestCount);
        Assert.Equal(written, File.GetLastWriteTimeUtc(second.TrainCsvPath));
    }

    [Fact]
    public async Task InterruptedDownloadResumesWithARangeRequest()
    {
        using var server = new LoopbackFileServer(Archive);
        var half = Archive.Length / 2;
        await File.WriteAllBytesAsync(PartialPath, Archive[..half]);
        var progress = new RecordingProgress<DownloadProgress>();

        var files = await Dataset(server).DownloadAsync(progress);

        Assert.Equal([$"bytes={half}-"], server.RangeHeaders);
        Assert.Equal(half, progress.Reports[0].BytesDone);
        Assert.Equal(Archive, File.ReadAllBytes(_cache.Combine(ImdbDataset.ArchiveFileName)));
        ImdbCsvRows.AssertSameRows(FakeAclImdb.ExpectedTestRows, ImdbCsvRows.Read(files.TestCsvPath));
        Assert.False(File.Exists(PartialPath));
    }

    [Fact]
    public async Task ServerThatIgnoresRangesGetsDownloadedFromTheStart()
    {
        using var server = new LoopbackFileServer(Archive, supportsRanges: false);
        await File.WriteAllBytesAsync(PartialPath, Archive[..100]);

        var files = await Dataset(server).DownloadAsync();

        Assert.Equal(["bytes=100-"], server.RangeHeaders);
        Assert.Equal(Archive, File.ReadAllBytes(_cache.Combine(ImdbDataset.ArchiveFileName)));
        ImdbCsvRows.AssertSameRows(FakeAclImdb.ExpectedTrainRows, ImdbCsvRows.Read(files.TrainCsvPath));
    }

    [Fact]
    public async Task CompletePartialFileIsVerifiedWithoutDownloadingAgain()
    {
        using var server = new LoopbackFileServer(Archive);
        await File.WriteAllBytesAsync(PartialPath, Archive);

        var files = await Dataset(server).DownloadAsync();

        Assert.Equal([$"bytes={Archive.Length}-"], server.RangeHeaders);
        ImdbCsvRows.AssertSameRows(FakeAclImdb.ExpectedTrainRows, ImdbCsvRows.Read(files.TrainCsvPath));
    }

    [Fact]
    public async Task HttpErrorNamesTheAddressAndStatus()
    {
        using var server = new LoopbackFileServer(Archive, failWith: HttpStatusCode.NotFound);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Dataset(server).DownloadAsync());

        Assert.Equal($"Downloading {server.Uri} failed: HTTP 404 Not Found.", error.Message);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.False(File.Exists(_cache.Combine(ImdbDataset.ArchiveFileName)));
    }

    [Fact]
    public async Task CancelledDownloadLeavesNoArchiveAndNoCsv()
    {
        using var server = new LoopbackFileServer(Archive);
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingProgress<DownloadProgress>(_ => cancellation.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Dataset(server).DownloadAsync(progress, cancellation.Token));

        Assert.Equal(
            [ImdbDataset.ArchiveFileName + ImdbDataset.PartialSuffix],
            Directory.GetFiles(_cache.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task UnreadableCachedArchiveIsReportedByName()
    {
        using var server = new LoopbackFileServer(Archive);
        var archive = _cache.Combine(ImdbDataset.ArchiveFileName);
        await File.WriteAllTextAsync(archive, "not a tar.gz");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Dataset(server).DownloadAsync());

        Assert.StartsWith($"{archive}: not a readable aclImdb tar.gz archive", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.RequestCount);
        Assert.False(File.Exists(_cache.Combine("train.csv")));
    }

    private string PartialPath => _cache.Combine(ImdbDataset.ArchiveFileName + ImdbDataset.PartialSuffix);

    private ImdbDataset Dataset(LoopbackFileServer server, string? sha256 = null) =>
        new(_httpClient, new ImdbDatasetOptions
        {
            CacheDirectory = _cache.Path,
            ArchiveUri = server.Uri,
            ArchiveSha256 = sha256 ?? FakeAclImdb.Sha256(Archive),
        });
}
