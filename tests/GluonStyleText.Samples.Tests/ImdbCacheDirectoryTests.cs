using GluonStyleText.Samples.Imdb.Data;

namespace GluonStyleText.Samples.Tests;

public sealed class ImdbCacheDirectoryTests
{
    private static readonly string Home = Path.Combine(Path.GetTempPath(), "home");

    [Fact]
    public void XdgCacheHomeWins()
    {
        var xdg = Path.Combine(Path.GetTempPath(), "xdg-cache");

        var directory = ImdbCacheDirectory.Default(name => name == "XDG_CACHE_HOME" ? xdg : null, Home);

        Assert.Equal(Path.Combine(xdg, "gluonstyletext", "imdb"), directory);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("relative/cache")]
    public void WithoutAnAbsoluteXdgCacheHomeTheHomeCacheIsUsed(string? xdg)
    {
        var directory = ImdbCacheDirectory.Default(_ => xdg, Home);

        Assert.Equal(Path.Combine(Home, ".cache", "gluonstyletext", "imdb"), directory);
    }
}
