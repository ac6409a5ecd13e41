using GluonStyleText.Samples.Imdb.Data;

namespace GluonStyleText.Samples.Tests;

/// <summary>The <c>--data DIR</c> path of <see cref="ImdbDataset"/>: no network involved.</summary>
public sealed class ImdbDatasetDirectoryTests : IDisposable
{
    private readonly TemporaryDirectory data = new();
    private readonly TemporaryDirectory cache = new();
    private readonly HttpClient httpClient = new();

    public void Dispose()
    {
        httpClient.Dispose();
        data.Dispose();
        cache.Dispose();
    }

    [Fact]
    public async Task FolderWithBothCsvsIsUsedAsItIs()
    {
        await File.WriteAllTextAsync(data.Combine("train.csv"), "sentiment,review\r\n1,Good\r\n");
        await File.WriteAllTextAsync(data.Combine("test.csv"), "sentiment,review\r\n0,Bad\r\n");

        var files = await Dataset().GetAsync(data.Path);

        Assert.Equal(new ImdbDataFiles(data.Combine("train.csv"), data.Combine("test.csv")), files);
        Assert.Equal("sentiment,review\r\n1,Good\r\n", await File.ReadAllTextAsync(files.TrainCsvPath));
        Assert.Empty(Directory.GetFileSystemEntries(cache.Path));
    }

    [Fact]
    public async Task CsvWithoutTheHeaderIsRejectedNamingFileAndLine()
    {
        await File.WriteAllTextAsync(data.Combine("train.csv"), "sentiment,review\r\n1,Good\r\n");
        await File.WriteAllTextAsync(data.Combine("test.csv"), "label,text\r\n0,Bad\r\n");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Dataset().GetAsync(data.Path));

        Assert.Equal($"{data.Combine("test.csv")} line 1: expected the header 'sentiment,review' but found 'label,text'.", error.Message);
    }

    [Fact]
    public async Task ExtractedAclImdbFolderIsConvertedBesideIt()
    {
        FakeAclImdb.Extract(data.Path);

        var files = await Dataset().GetAsync(data.Path);

        Assert.Equal(new ImdbDataFiles(data.Combine("train.csv"), data.Combine("test.csv")), files);
        ImdbCsvRows.AssertSameRows(FakeAclImdb.ExpectedTrainRows, ImdbCsvRows.Read(files.TrainCsvPath));
        ImdbCsvRows.AssertSameRows(FakeAclImdb.ExpectedTestRows, ImdbCsvRows.Read(files.TestCsvPath));
        Assert.Equal(["aclImdb", "test.csv", "train.csv"], Directory.GetFileSystemEntries(data.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task FolderAndArchiveGiveTheSameCsvs()
    {
        FakeAclImdb.Extract(data.Path);
        var fromFolder = await Dataset().FromDirectoryAsync(data.Path);
        var archive = FakeAclImdb.CreateArchive();
        await File.WriteAllBytesAsync(cache.Combine(ImdbDataset.ArchiveFileName), archive);

        var fromArchive = await Dataset().DownloadAsync();

        Assert.Equal(File.ReadAllBytes(fromFolder.TrainCsvPath), File.ReadAllBytes(fromArchive.TrainCsvPath));
        Assert.Equal(File.ReadAllBytes(fromFolder.TestCsvPath), File.ReadAllBytes(fromArchive.TestCsvPath));
    }

    [Fact]
    public async Task MissingReviewFolderIsNamed()
    {
        FakeAclImdb.Extract(data.Path);
        var testNeg = data.Combine("aclImdb", "test", "neg");
        Directory.Delete(testNeg, recursive: true);

        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => Dataset().GetAsync(data.Path));

        Assert.StartsWith($"IMDB review folder not found: {testNeg};", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(data.Combine("train.csv")));
    }

    [Fact]
    public async Task EmptyReviewFolderIsNamed()
    {
        FakeAclImdb.Extract(data.Path);
        foreach (var file in Directory.GetFiles(data.Combine("aclImdb", "train", "pos")))
        {
            File.Delete(file);
        }

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Dataset().GetAsync(data.Path));

        Assert.StartsWith($"{data.Combine("aclImdb")} holds no reviews in aclImdb/train/pos;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FolderWithoutDataNamesTheMissingFiles()
    {
        await File.WriteAllTextAsync(data.Combine("train.csv"), "sentiment,review\r\n");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => Dataset().GetAsync(data.Path));

        Assert.StartsWith($"IMDB data not found: missing {data.Combine("test.csv")}. ", error.Message, StringComparison.Ordinal);
        Assert.Contains("aclImdb folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFolderIsNamed()
    {
        var missing = data.Combine("nowhere");

        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => Dataset().GetAsync(missing));

        Assert.Equal($"IMDB data folder not found: {missing}", error.Message);
    }

    private ImdbDataset Dataset() =>
        new(httpClient, new ImdbDatasetOptions { CacheDirectory = cache.Path, ArchiveUri = new Uri("http://127.0.0.1:9/unused") });
}
