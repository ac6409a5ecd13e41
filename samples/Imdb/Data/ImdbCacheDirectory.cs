namespace GluonStyleText.Samples.Imdb.Data;

/// <summary>Where the downloaded archive and the converted CSVs are kept between runs.</summary>
internal static class ImdbCacheDirectory
{
    /// <summary><c>$XDG_CACHE_HOME/gluonstyletext/imdb</c>, or <c>~/.cache/gluonstyletext/imdb</c> when that variable is unset.</summary>
    public static string Default() =>
        Default(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The default, from the given environment and home folder.</summary>
    public static string Default(Func<string, string?> environmentVariable, string homeDirectory)
    {
        // The XDG spec says to ignore a relative XDG_CACHE_HOME.
        var xdgCacheHome = environmentVariable("XDG_CACHE_HOME");
        var cacheRoot = !string.IsNullOrEmpty(xdgCacheHome) && Path.IsPathFullyQualified(xdgCacheHome)
            ? xdgCacheHome
            : Path.Combine(homeDirectory, ".cache");
        return Path.Combine(cacheRoot, "gluonstyletext", "imdb");
    }
}
