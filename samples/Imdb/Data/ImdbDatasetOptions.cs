namespace GluonStyleText.Samples.Imdb.Data;

/// <summary>Where the IMDB archive comes from and where it is kept.</summary>
internal sealed class ImdbDatasetOptions
{
    /// <summary>The Large Movie Review Dataset v1.0 (Maas et al., 2011), as published by Stanford.</summary>
    public static readonly Uri OfficialArchiveUri = new("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz");

    /// <summary>
    /// SHA-256 of the official archive (84,125,825 bytes), as recorded by Hugging Face datasets'
    /// <c>imdb</c> script, MLDatasets.jl and others.
    /// </summary>
    public const string OfficialArchiveSha256 = "c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe";

    /// <summary>Folder for the archive and the converted CSVs. Default: <see cref="ImdbCacheDirectory.Default()"/>.</summary>
    public string CacheDirectory { get; set; } = ImdbCacheDirectory.Default();

    /// <summary>Address of the archive. Default: <see cref="OfficialArchiveUri"/>.</summary>
    public Uri ArchiveUri { get; set; } = OfficialArchiveUri;

    /// <summary>Expected SHA-256 of the archive, hex. Default: <see cref="OfficialArchiveSha256"/>.</summary>
    public string ArchiveSha256 { get; set; } = OfficialArchiveSha256;
}
