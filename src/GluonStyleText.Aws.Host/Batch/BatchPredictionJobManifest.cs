using System.Text.Json;
using System.Text.Json.Serialization;

namespace GluonStyleText.Aws.Host.Batch;

/// <summary>
/// What a batch prediction job did, written beside its output as <c>&lt;name&gt;_output.manifest.json</c>
/// after the output itself: its presence means the output is complete.
/// </summary>
public sealed record BatchPredictionJobManifest
{
    /// <summary>The manifest layout version this library writes.</summary>
    public const int CurrentFormatVersion = 1;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>The manifest layout version.</summary>
    [JsonPropertyName("format_version")]
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The classified object, <c>s3://bucket/key</c>.</summary>
    [JsonPropertyName("input")]
    public required string Input { get; init; }

    /// <summary>The input object's ETag (without quotes) when the job read it.</summary>
    [JsonPropertyName("input_etag")]
    public required string InputETag { get; init; }

    /// <summary>The input object's size in bytes.</summary>
    [JsonPropertyName("input_bytes")]
    public required long InputBytes { get; init; }

    /// <summary>The output CSV file, <c>s3://bucket/key</c>.</summary>
    [JsonPropertyName("output")]
    public required string Output { get; init; }

    /// <summary>Data rows read from the input (the header not counted).</summary>
    [JsonPropertyName("rows_in")]
    public required long RowsIn { get; init; }

    /// <summary>Data rows written to the output: always <see cref="RowsIn"/>, as rejected rows are kept with an error.</summary>
    [JsonPropertyName("rows_out")]
    public required long RowsOut { get; init; }

    /// <summary>Rows that got a prediction.</summary>
    [JsonPropertyName("rows_predicted")]
    public required long RowsPredicted { get; init; }

    /// <summary>Rows written with an error instead of a prediction (empty text, wrong field count, too long).</summary>
    [JsonPropertyName("rows_rejected")]
    public required long RowsRejected { get; init; }

    /// <summary>SHA-256 of the model's weights.</summary>
    [JsonPropertyName("model_hash")]
    public required string ModelHash { get; init; }

    /// <summary>Where the model bundle was read from.</summary>
    [JsonPropertyName("bundle_uri")]
    public required string BundleUri { get; init; }

    /// <summary>The column the texts were read from.</summary>
    [JsonPropertyName("text_column")]
    public required string TextColumn { get; init; }

    /// <summary>Whether the output has one probability column per class.</summary>
    [JsonPropertyName("class_probabilities")]
    public required bool ClassProbabilities { get; init; }

    /// <summary>CPU threads the model ran with.</summary>
    [JsonPropertyName("threads")]
    public required int Threads { get; init; }

    /// <summary>The AWS Batch job id (<c>AWS_BATCH_JOB_ID</c>); null outside AWS Batch.</summary>
    [JsonPropertyName("batch_job_id")]
    public string? BatchJobId { get; init; }

    /// <summary>When the job started, UTC.</summary>
    [JsonPropertyName("started_utc")]
    public required DateTimeOffset StartedUtc { get; init; }

    /// <summary>When the output was uploaded, UTC.</summary>
    [JsonPropertyName("finished_utc")]
    public required DateTimeOffset FinishedUtc { get; init; }

    /// <summary>The GluonStyleText.Aws version that ran the job.</summary>
    [JsonPropertyName("library_version")]
    public required string LibraryVersion { get; init; }

    /// <summary>For a sharded run, each shard's rows in shard order (they add up to the totals); null for one job.</summary>
    [JsonPropertyName("shards")]
    public IReadOnlyList<ShardedPredictionShardResult>? Shards { get; init; }

    /// <summary>The manifest as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a manifest.</summary>
    /// <param name="json">The manifest's JSON text.</param>
    /// <param name="source">Where the text came from, for the error message.</param>
    /// <exception cref="InvalidDataException">The text is not a manifest.</exception>
    public static BatchPredictionJobManifest FromJson(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<BatchPredictionJobManifest>(json, JsonOptions)
                ?? throw new InvalidDataException($"{source}: the manifest is empty (null).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a batch prediction manifest ({e.Message}).", e);
        }
    }
}
