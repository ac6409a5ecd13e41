using System.Text.Json.Serialization;

namespace GluonStyleText.Text;

/// <summary>Compile-time JSON metadata for the transformer file, so saving and loading need no reflection.</summary>
[JsonSerializable(typeof(TextTransformerDocument))]
internal sealed partial class TextTransformerJsonContext : JsonSerializerContext;
