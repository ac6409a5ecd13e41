using System.Text.Json.Serialization;

namespace GluonStyleText.Aws.Lambda;

/// <summary>An uploaded file for which a Batch prediction job was submitted.</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Key">The decoded key.</param>
/// <param name="ETag">The object's ETag from the event.</param>
/// <param name="JobName">The job's name: the same for the same bucket, key and ETag, so a duplicate event is recognisable.</param>
/// <param name="JobId">The id Batch gave the job; for a sharded upload, the assemble job's, which ends when the output is complete or has failed.</param>
public sealed record SubmittedUpload(
    [property: JsonPropertyName("bucket")] string Bucket,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("eTag")] string ETag,
    [property: JsonPropertyName("jobName")] string JobName,
    [property: JsonPropertyName("jobId")] string JobId)
{
    /// <summary>The children of the array job classifying the upload; 1 for one plain job.</summary>
    [JsonPropertyName("shards")]
    public int Shards { get; init; } = 1;
}
