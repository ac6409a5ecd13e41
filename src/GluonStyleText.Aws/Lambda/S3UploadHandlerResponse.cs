using System.Text.Json.Serialization;

namespace GluonStyleText.Aws.Lambda;

/// <summary>What <see cref="S3UploadHandler"/> did with one event; the function returns it as JSON.</summary>
/// <param name="Submitted">The records a job was submitted for.</param>
/// <param name="Ignored">The records that started no job.</param>
public sealed record S3UploadHandlerResponse(
    [property: JsonPropertyName("submitted")] IReadOnlyList<SubmittedUpload> Submitted,
    [property: JsonPropertyName("ignored")] IReadOnlyList<IgnoredUpload> Ignored)
{
    /// <summary>
    /// For an SQS event, the messages to deliver again (a submission failed); Lambda reads this
    /// property by its exact name. Empty for an S3 event, whose failures throw instead.
    /// </summary>
    [JsonPropertyName("batchItemFailures")]
    public IReadOnlyList<BatchItemFailure> BatchItemFailures { get; init; } = [];
}
