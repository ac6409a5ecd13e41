using System.Text.Json.Serialization;

namespace GluonStyleText.Aws.Lambda;

/// <summary>What <see cref="S3UploadHandler"/> did with one S3 event; the function returns it as JSON.</summary>
/// <param name="Submitted">The records a job was submitted for.</param>
/// <param name="Ignored">The records that started no job.</param>
public sealed record S3UploadHandlerResponse(
    [property: JsonPropertyName("submitted")] IReadOnlyList<SubmittedUpload> Submitted,
    [property: JsonPropertyName("ignored")] IReadOnlyList<IgnoredUpload> Ignored);
