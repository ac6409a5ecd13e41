using System.Text.Json.Serialization;

namespace GluonStyleText.Aws.Host.Batch;

/// <summary>What one child of a sharded prediction classified: written beside its output once the output is complete.</summary>
/// <param name="Shard">The shard's index (the child's <c>AWS_BATCH_JOB_ARRAY_INDEX</c>).</param>
/// <param name="FirstRow">The whole file's number of the shard's first data row (from 1).</param>
/// <param name="RowsIn">Data rows read.</param>
/// <param name="RowsPredicted">Rows that got a prediction.</param>
/// <param name="RowsRejected">Rows written with an error instead.</param>
/// <param name="OutputBytes">The size of the shard's output.</param>
/// <param name="ModelHash">SHA-256 of the model's weights.</param>
public sealed record ShardedPredictionShardResult(
    [property: JsonPropertyName("shard")] int Shard,
    [property: JsonPropertyName("first_row")] long FirstRow,
    [property: JsonPropertyName("rows_in")] long RowsIn,
    [property: JsonPropertyName("rows_predicted")] long RowsPredicted,
    [property: JsonPropertyName("rows_rejected")] long RowsRejected,
    [property: JsonPropertyName("output_bytes")] long OutputBytes,
    [property: JsonPropertyName("model_hash")] string ModelHash)
{
    /// <summary>Rows written: every row read.</summary>
    [JsonPropertyName("rows_out")]
    public long RowsOut => RowsPredicted + RowsRejected;
}
