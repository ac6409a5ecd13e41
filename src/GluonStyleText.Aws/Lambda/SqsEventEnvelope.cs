using System.Text.Json;

namespace GluonStyleText.Aws.Lambda;

/// <summary>
/// The SQS event Lambda hands a function whose event source is a queue: each record's
/// <c>body</c> is one message, here an S3 event notification that S3 sent to the queue.
/// </summary>
internal static class SqsEventEnvelope
{
    /// <summary>One message: its id (what a partial batch failure names) and body.</summary>
    public sealed record Message(string MessageId, string Body);

    /// <summary>The messages, or null when the input is not an SQS event (an S3 event sent to the function directly).</summary>
    public static IReadOnlyList<Message>? TryRead(byte[] input)
    {
        try
        {
            using var document = JsonDocument.Parse(input);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("Records", out var records)
                || records.ValueKind != JsonValueKind.Array
                || records.GetArrayLength() == 0
                || !records.EnumerateArray().All(IsSqsRecord))
            {
                return null;
            }

            return records.EnumerateArray()
                .Select(record => new Message(record.GetProperty("messageId").GetString()!, record.GetProperty("body").GetString()!))
                .ToList();
        }
        catch (JsonException)
        {
            return null; // S3EventParser reports malformed input with its position
        }
    }

    private static bool IsSqsRecord(JsonElement record) =>
        record.ValueKind == JsonValueKind.Object
        && record.TryGetProperty("eventSource", out var source) && source.ValueKind == JsonValueKind.String && source.GetString() == "aws:sqs"
        && record.TryGetProperty("messageId", out var id) && id.ValueKind == JsonValueKind.String
        && record.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.String;
}
