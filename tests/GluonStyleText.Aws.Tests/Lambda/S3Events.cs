using System.Text;
using System.Text.Json.Nodes;

namespace GluonStyleText.Aws.Tests.Lambda;

/// <summary>S3 event notifications shaped like those S3 delivers to Lambda (keys given already form-encoded).</summary>
internal static class S3Events
{
    public static string Json(params (string EventName, string Bucket, string EncodedKey, string ETag)[] records)
    {
        var array = new JsonArray();
        foreach (var (eventName, bucket, key, eTag) in records)
        {
            array.Add(new JsonObject
            {
                ["eventVersion"] = "2.1",
                ["eventSource"] = "aws:s3",
                ["awsRegion"] = "eu-west-1",
                ["eventTime"] = "2026-05-01T10:00:00.000Z",
                ["eventName"] = eventName,
                ["s3"] = new JsonObject
                {
                    ["s3SchemaVersion"] = "1.0",
                    ["bucket"] = new JsonObject { ["name"] = bucket, ["arn"] = $"arn:aws:s3:::{bucket}" },
                    ["object"] = new JsonObject { ["key"] = key, ["size"] = 1024, ["eTag"] = eTag, ["sequencer"] = "0055AED6DCD90281E5" },
                },
            });
        }

        return new JsonObject { ["Records"] = array }.ToJsonString();
    }

    /// <summary>An SQS event as Lambda delivers it from the upload queue: one record per message, each body an S3 event.</summary>
    public static string Sqs(params (string MessageId, string Body)[] messages)
    {
        var array = new JsonArray();
        foreach (var (id, body) in messages)
        {
            array.Add(new JsonObject
            {
                ["messageId"] = id,
                ["receiptHandle"] = $"AQEB{id}",
                ["body"] = body,
                ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1", ["SenderId"] = "AIDAJHIPRHEMV73VRJEBU" },
                ["messageAttributes"] = new JsonObject(),
                ["md5OfBody"] = "00000000000000000000000000000000",
                ["eventSource"] = "aws:sqs",
                ["eventSourceARN"] = "arn:aws:sqs:eu-west-1:123456789012:UploadQueue",
                ["awsRegion"] = "eu-west-1",
            });
        }

        return new JsonObject { ["Records"] = array }.ToJsonString();
    }

    public static MemoryStream Stream(string json) => new(Encoding.UTF8.GetBytes(json));
}
