using System.Text.Json;
using System.Text.Json.Serialization;

namespace GluonStyleText.Aws.Host.Batch;

/// <summary>
/// What the plan step leaves for the children and the assembler under the run's work prefix (<c>run.json</c>): the input
/// version all of them read, and the shard plan, or that a complete output of that version already exists.
/// </summary>
internal sealed record ShardedPredictionRun
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The input's ETag: every ranged read of the children is conditioned on it.</summary>
    [JsonPropertyName("input_etag")]
    public required string InputETag { get; init; }

    /// <summary>The input's size.</summary>
    [JsonPropertyName("input_bytes")]
    public required long InputBytes { get; init; }

    /// <summary>True when the results already hold a complete output of this input and model: nothing to do.</summary>
    [JsonPropertyName("reused")]
    public bool Reused { get; init; }

    /// <summary>The plan's JSON (<see cref="GluonStyleText.Data.CsvShardPlan.ToJson"/>); null when reused.</summary>
    [JsonPropertyName("plan")]
    public string? Plan { get; init; }

    /// <summary>When the plan step started.</summary>
    [JsonPropertyName("started_utc")]
    public required DateTimeOffset StartedUtc { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ShardedPredictionRun FromJson(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<ShardedPredictionRun>(json, Json) ?? throw new InvalidDataException($"{source}: the run file is empty (null).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a sharded prediction run file ({e.Message}).", e);
        }
    }
}
