namespace GluonStyleText.Aws.Lambda;

/// <summary>One record of an S3 event notification, with its key decoded.</summary>
/// <param name="Index">The record's position in the event's <c>Records</c>.</param>
/// <param name="EventName">Such as <c>ObjectCreated:Put</c> (notifications omit the <c>s3:</c> prefix).</param>
/// <param name="Bucket">The bucket's name.</param>
/// <param name="Key">The object key, decoded from the notification's form encoding.</param>
/// <param name="ETag">The object's ETag; empty when the record has none.</param>
/// <param name="Size">The object's size in bytes (<c>s3.object.size</c>); null when the record has none.</param>
internal sealed record S3EventRecord(int Index, string EventName, string Bucket, string Key, string ETag, long? Size = null);
