using System.Text.Json.Serialization;

namespace GluonStyleText.Aws.Lambda;

/// <summary>An event record that started no job, and why.</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Key">The decoded key.</param>
/// <param name="EventName">The record's event name, such as <c>ObjectRemoved:Delete</c>.</param>
/// <param name="Reason">Why no job was submitted.</param>
public sealed record IgnoredUpload(
    [property: JsonPropertyName("bucket")] string Bucket,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("eventName")] string EventName,
    [property: JsonPropertyName("reason")] string Reason);
