using GluonStyleText.Samples.Imdb.Data;

namespace GluonStyleText.Samples.Tests;

public sealed class DownloadProgressTests
{
    [Fact]
    public void KnownTotalShowsFractionAndSpeed() =>
        Assert.Equal("12.3 / 84.1 MB (15%) at 4.1 MB/s", new DownloadProgress(12_345_678, 84_125_825, 4_100_000).ToString());

    [Fact]
    public void UnknownTotalShowsBytesAndSpeed()
    {
        var progress = new DownloadProgress(2_000_000, null, 500_000);

        Assert.Equal("2.0 MB at 0.5 MB/s", progress.ToString());
        Assert.Null(progress.Fraction);
    }
}
