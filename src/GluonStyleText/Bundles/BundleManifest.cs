using System.Text.Json.Serialization;

namespace GluonStyleText.Bundles;

/// <summary>
/// The table of contents of a model bundle (<c>bundle.json</c>): what format and version it is,
/// the SHA-256 and size of every part, and the shape of every weight tensor. Loading checks all of
/// it before any part is used.
/// </summary>
internal sealed class BundleManifest
{
    /// <summary>The value of <see cref="Format"/> in every bundle.</summary>
    public const string FormatName = "gluonstyletext-model-bundle";

    /// <summary>The format version this library writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Always <see cref="FormatName"/>.</summary>
    [JsonPropertyName("format")]
    public string Format { get; set; } = FormatName;

    /// <summary>Format version; loading refuses versions it does not know.</summary>
    [JsonPropertyName("format_version")]
    public int FormatVersion { get; set; } = CurrentVersion;

    /// <summary>When the bundle was written (UTC).</summary>
    [JsonPropertyName("created_utc")]
    public DateTimeOffset CreatedUtc { get; set; }

    /// <summary>Version of the library that wrote the bundle.</summary>
    [JsonPropertyName("library_version")]
    public string LibraryVersion { get; set; } = "";

    /// <summary>Model architecture: <c>cnn</c> or <c>bilstm</c>.</summary>
    [JsonPropertyName("model")]
    public string Model { get; set; } = "";

    /// <summary>Every part of the bundle by file name, with its SHA-256 and size.</summary>
    [JsonPropertyName("files")]
    public Dictionary<string, BundleFileEntry> Files { get; set; } = [];

    /// <summary>Shape of every weight tensor by parameter name, as the configuration implies.</summary>
    [JsonPropertyName("parameters")]
    public Dictionary<string, long[]> Parameters { get; set; } = [];
}

/// <summary>One part of a bundle.</summary>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
/// <param name="Bytes">File size in bytes.</param>
public sealed record BundleFileEntry(
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("bytes")] long Bytes);
