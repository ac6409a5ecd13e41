namespace GluonStyleText.Aws.Lambda;


/// <summary>The records of an S3 event.</summary>
/// <param name="Records">The records, in event order.</param>
/// <param name="IsTestEvent">Whether the event was S3's configuration test event.</param>
internal sealed record S3EventParseResult(IReadOnlyList<S3EventRecord> Records, bool IsTestEvent);
