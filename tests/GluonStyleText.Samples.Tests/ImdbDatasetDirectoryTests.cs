using GluonStyleText.Samples.Imdb.Data;

namespace GluonStyleText.Samples.Tests;

/// <summary>The <c>--data DIR</c> path of <see cref="ImdbDataset"/>: no network involved.</summary>
public sealed class ImdbDatasetDirectoryTests : IDisposable
{
    private readonly TemporaryDirectory _data = new();
    private readonly TemporaryDirectory _cache = new();
    private readonly HttpClient _httpClient = new();

    public void Dispose()
    {
        _httpClient.Dispose();
        _data.Dispose();
        _cache.Dispose();
    }

    [Fact]
    public async Task FolderWithBothCsvsIsUsedAsItIs()
    {
        await File.WriteAllTextAsync(_data.Combine("train.csv"), "sentiment,review\r\n1,Good\r\n");
        await File.WriteAllTextAsync(_data.Combine("test.csv"), "sentiment,review\r\n0,Bad\r\n");

        var files = await Dataset().GetAsync(_data.Path);

        Assert.Equal(new ImdbDataFiles(_data.Combine("train.csv"), _data.Combine("test.csv")), files);
        Assert.Equal("sentiment,review\r\n1,Good\r\n", await File.ReadAllTextAsync(files.TrainCsvPath));
        Assert.Empty(Directory.GetFileSystemEntries(_cache.Path));
    }

    [Fact]
    public async Task CsvWithoutTheHeaderIsRejectedNamingFileAndLine()
    {
        await File.WriteAllTextAsync(_data.Combine("train.csv"), "sentiment,review\r\n1,Good\r\n");
        await File.WriteAllTextAsync(_data.Combine("test.csv"), "label,text\r\n0,Bad\r\n");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Dataset().GetAsync(_data.Path));

        Assert.Equal($"{_data.Combine("test.csv")} line 1: expected the header 'sentiment,review' but found 'label,text'.", error.Message);
    }

    [Fact]
    public async Task ExtractedAclImdbFolderIsConvertedBesideIt()
    {
        FakeAclImdb.Extract(_data.Path);

        var files = await Dataset().GetAsync(_data.Path);

        Assert.Equal(new ImdbDataFiles(_data.Combine("train.csv"), _data.Combine("test.csv")), files);
        ImdbCsvRows.AssertSameRows(FakeAclImdb.ExpectedTrainRows, ImdbCsvRows.Read(files.TrainCsvPath));
        ImdbCsvRows.AssertSameRows(FakeAclImdb.ExpectedTestRows, ImdbCsvRows.Read(files.TestCsvPath));
        Assert.Equal(["aclImdb", "test.csv", "train.csv"], Directory.GetFileSystemEntries(_data.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task FolderAndArchiveGiveTheSameCsvs()
    {
        FakeAclImdb.Extract(_data.Path);
        var fromFolder = await Dataset().FromDirectoryAsync(_data.Path);
        var archive = FakeAclImdb.CreateArchive();
        await File.WriteAllBytesAsync(_cache.Combine(ImdbDataset.ArchiveFileName), archive);

        var fromArchive = await Dataset().DownloadAsync();

        Assert.Equal(File.ReadAllBytes(fromFolder.TrainCsvPath), File.ReadAllBytes(fromArchive.TrainCsvPath));
        Assert.Equal(File.ReadAllBytes(fromFolder.TestCsvPath), File.ReadAllBytes(fromArchive.TestCsvPath));
    }

    [Fact]
    public async Task MissingReviewFolderIsNamed()
    {
        FakeAclImdb.Extract(_data.Path);
        var testNeg = _data.Combine("aclImdb", "test", "neg");
        Directory.Delete(testNeg, recursive: true);

        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => Dataset().GetAsync(_data.Path));

        Assert.StartsWith($"IMDB review folder not found: {testNeg};", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_data.Combine("train.csv")));
    }

    [Fact]
    public async Task EmptyReviewFolderIsNamed()
    {
        FakeAclImdb.Extract(_data.Path);
        foreach (var file in Directory.GetFiles(_data.Combine("aclImdb", "train", "pos")))
        {
            File.Delete(file);
        }

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Dataset().GetAsync(_data.Path));

        Assert.StartsWith($"{_data.Combine("aclImdb")} holds no reviews in aclImdb/train/pos;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FolderWithoutDataNamesTheMissingFiles()
    {
        await File.WriteAllTextAsync(_data.Combine("train.csv"), "sentiment,review\r\n");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => Dataset().GetAsync(_data.Path));

        Assert.StartsWith($"IMDB data not found: missing {_data.Combine("test.csv")}. ", error.Message, StringComparison.Ordinal);
        Assert.Contains("aclImdb folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFolderIsNamed()
    {
        var missing = _data.Combine("nowhere");

        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => Dataset().GetAsync(missing));

        Assert.Equal($"IMDB data folder not found: {missing}", error.Message);
    }

    private ImdbDataset Dataset() =>
        new(_httpClient, new ImdbDatasetOptions { CacheDirectory = _cache.Path, ArchiveUri = new Uri("http://127.0.0.1:9/unused") });
}
