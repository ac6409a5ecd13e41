using GluonStyleText.Data;

namespace GluonStyleText.Tests.Data;

public sealed class LabeledCsvFileTests : IDisposable
{
    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void LoadingTrainingDataBuildsTheLabelMapFromItsLabels()
    {
        string path = _files.Write("claims.csv", "review,sentiment\nsmoke,fire\nwater,flood\nflames,fire\n");

        var data = LabeledCsvFile.Load(path);

        Assert.Equal(["smoke", "water", "flames"], data.Texts);
        Assert.Equal(["fire", "flood"], data.LabelMap.Labels);
        Assert.Equal([0, 1, 0], data.ClassIds);
        Assert.Equal([2L, 3L, 4L], data.LineNumbers);
        Assert.Equal(3, data.Count);
        Assert.Equal(3, data.Summary.RowsAccepted);
    }

    [Fact]
    public void LoadingWithAFixedLabelMapUsesItsIds()
    {
        string path = _files.Write("test.csv", "sentiment,review\n1,good\n0,bad\n");
        var map = new LabelMap(["1", "0"]);

        var data = LabeledCsvFile.Load(path, labelMap: map);

        Assert.Same(map, data.LabelMap);
        Assert.Equal([0, 1], data.ClassIds);
    }

    [Fact]
    public void SkippedRowsAreLeftOutOfTheLists()
    {
        string path = _files.Write("train.csv", "review,sentiment\ngood,1\n,0\nbad,0\n");
        var options = new LabeledCsvOptions { OnBadRow = BadRowHandling.Skip, MaxRejectRatio = 0.5 };

        var data = LabeledCsvFile.Load(path, options);

        Assert.Equal(["good", "bad"], data.Texts);
        Assert.Equal([2L, 4L], data.LineNumbers);
        Assert.Equal(1, data.Summary.RowsRejected);
    }

    [Fact]
    public void AFileWithoutRowsIsReported()
    {
        string path = _files.Write("train.csv", "review,sentiment\r\n");

        var error = Assert.Throws<DataFormatException>(() => LabeledCsvFile.Load(path));

        Assert.Equal($"{path} line 1: the file has no rows after its header", error.Message);
        Assert.Equal(RejectReason.NoRows, error.Reason);
    }

    [Fact]
    public void AFileWhoseRowsAreAllRejectedIsReported()
    {
        string path = _files.Write("train.csv", "review,sentiment\n,1\n,0\n");
        var options = new LabeledCsvOptions { OnBadRow = BadRowHandling.Skip, MaxRejectRatio = 1 };

        var error = Assert.Throws<DataFormatException>(() => LabeledCsvFile.Load(path, options));

        Assert.Equal($"{path} line 1: all 2 rows were rejected", error.Message);
    }
}
