using System.Text.Json.Serialization;

namespace GluonStyleText.Data;

/// <summary>Compile-time JSON metadata for the shard plan file, so saving and loading need no reflection.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CsvShardPlanDocument))]
internal sealed partial class CsvShardPlanJsonContext : JsonSerializerContext;
