using System.Net;
using System.Text.Json;

namespace GluonStyleText.Aws.Lambda;

/// <summary>
/// Reads the S3 event notification JSON that S3 hands a Lambda function. Keys arrive
/// form-encoded (<c>red+flower.csv</c>, <c>%C3%A9t%C3%A9.csv</c>) and are decoded with
/// <see cref="WebUtility.UrlDecode"/>, which turns <c>+</c> into a space; a literal plus sign
/// arrives as <c>%2B</c>.
/// </summary>
internal static class S3EventParser
{
    /// <summary>The event S3 sends once when a notification is configured; it has no records.</summary>
    public const string TestEventName = "s3:TestEvent";

    /// <summary>Parses the event; a test event gives no records.</summary>
    /// <exception cref="InvalidDataException">The input is not JSON, or not an S3 event; the message says where.</exception>
    public static async Task<S3EventParseResult> ParseAsync(Stream input, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(input, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(
                $"The function's input is not an S3 event: malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}.", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"The function's input is not an S3 event: expected a JSON object, got {Kind(root)}.");
            }

            if (root.TryGetProperty("Event", out var eventName) && eventName.ValueKind == JsonValueKind.String && eventName.GetString() == TestEventName)
            {
                return new S3EventParseResult([], IsTestEvent: true);
            }

            if (!root.TryGetProperty("Records", out var records) || records.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException("The function's input is not an S3 event: it has no \"Records\" array.");
            }

            var parsed = new List<S3EventRecord>();
            var index = 0;
            foreach (var record in records.EnumerateArray())
            {
                parsed.Add(ParseRecord(record, index++));
            }

            return new S3EventParseResult(parsed, IsTestEvent: false);
        }
    }

    private static S3EventRecord ParseRecord(JsonElement record, int index)
    {
        var s3 = Element(record, index, "s3", JsonValueKind.Object);
        var bucket = Element(Element(s3, index, "s3.bucket", JsonValueKind.Object, "bucket"), index, "s3.bucket.name", JsonValueKind.String, "name");
        var s3Object = Element(s3, index, "s3.object", JsonValueKind.Object, "object");
        var key = Element(s3Object, index, "s3.object.key", JsonValueKind.String, "key");
        var eTag = s3Object.TryGetProperty("eTag", out var tag) && tag.ValueKind == JsonValueKind.String ? tag.GetString()! : "";
        return new S3EventRecord(
            index,
            Element(record, index, "eventName", JsonValueKind.String).GetString()!,
            bucket.GetString()!,
            WebUtility.UrlDecode(key.GetString()!),
            eTag.Trim('"'),
            s3Object.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.Number && size.TryGetInt64(out var bytes) && bytes >= 0 ? bytes : null);
    }

    private static JsonElement Element(JsonElement parent, int index, string path, JsonValueKind kind, string? name = null)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name ?? path, out var value) && value.ValueKind == kind)
        {
            return value;
        }

        throw new InvalidDataException($"S3 event record {index}: \"{path}\" is missing or not a {kind.ToString().ToLowerInvariant()}.");
    }

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();
}
