using System.Text.Json.Serialization;

namespace GluonStyleText.Text;

/// <summary>The JSON shape of a saved <see cref="TextTransformer"/>.</summary>
internal sealed class TextTransformerDocument
{
    /// <summary>Always <see cref="TextTransformerFile.FormatName"/>, so that other JSON files are recognized as such.</summary>
    [JsonPropertyName("format")]
    public required string Format { get; init; }

    /// <summary>Version of this shape and of the tokenization rules.</summary>
    [JsonPropertyName("version")]
    public required int Version { get; init; }

    /// <summary>The transformer's options.</summary>
    [JsonPropertyName("options")]
    public required TextTransformerOptions Options { get; init; }

    /// <summary>Every word in id order, the reserved tokens first.</summary>
    [JsonPropertyName("vocabulary")]
    public required IReadOnlyList<string?> Vocabulary { get; init; }
}
