using System.Text.Json.Serialization;

namespace GluonStyleText.Data;

/// <summary>
/// The JSON shape of a saved <see cref="CsvShardPlan"/>. Every member is nullable so that a missing one is reported
/// by its key, like every other problem of the file, instead of by the serializer.
/// </summary>
internal sealed class CsvShardPlanDocument
{
    [JsonPropertyName("format")]
    public string? Format { get; set; }

    [JsonPropertyName("version")]
    public int? Version { get; set; }

    [JsonPropertyName("encoding")]
    public string? Encoding { get; set; }

    [JsonPropertyName("file_length")]
    public long? FileLength { get; set; }

    [JsonPropertyName("header_start")]
    public long? HeaderStart { get; set; }

    [JsonPropertyName("header_end")]
    public long? HeaderEnd { get; set; }

    [JsonPropertyName("target_shard_bytes")]
    public long? TargetShardBytes { get; set; }

    [JsonPropertyName("row_alignment")]
    public int? RowAlignment { get; set; }

    [JsonPropertyName("rows")]
    public long? Rows { get; set; }

    [JsonPropertyName("shards")]
    public List<Shard?>? Shards { get; set; }

    /// <summary>The JSON shape of a <see cref="CsvShard"/>.</summary>
    internal sealed class Shard
    {
        [JsonPropertyName("start")]
        public long? Start { get; set; }

        [JsonPropertyName("end")]
        public long? End { get; set; }

        [JsonPropertyName("first_row")]
        public long? FirstRow { get; set; }

        [JsonPropertyName("first_line")]
        public long? FirstLine { get; set; }

        [JsonPropertyName("rows")]
        public long? Rows { get; set; }
    }
}
