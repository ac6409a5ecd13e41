using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GluonStyleText.Aws.Local;

/// <summary>
/// The stack's SQS upload queue and its dead-letter queue, on one machine, with the semantics the
/// pipeline relies on: a received message is invisible until deleted or until the visibility
/// timeout (here <see cref="LocalPipelineOptions.RedeliveryDelay"/>) passes, then delivered again
/// with its receive count increased; a message that fails its <c>maxReceiveCount</c>-th delivery
/// moves to the dead-letter queue. Messages are delivered in batches of up to ten, as Lambda's
/// SQS event source does, shaped as Lambda's SQS event.
/// </summary>
internal sealed class LocalUploadQueue(int maxReceiveCount, TimeSpan redeliveryDelay, TimeProvider time)
{
    private const int MaxBatch = 10;
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(100);

    private readonly object _gate = new();
    private readonly List<Entry> _messages = [];
    private readonly List<LocalDeadLetter> _deadLetters = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private long _sent;

    public IReadOnlyList<LocalDeadLetter> DeadLetters
    {
        get
        {
            lock (_gate)
            {
                return _deadLetters.ToList();
            }
        }
    }

    /// <summary>Queues one S3 event, as S3 sends it.</summary>
    public void Send(string body)
    {
        lock (_gate)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"local-{++_sent:D6}");
            _messages.Add(new Entry(id, body, KeysOf(body)) { VisibleAt = time.GetUtcNow() });
        }

        _arrived.Release();
    }

    /// <summary>Waits for visible messages and receives up to ten, making them invisible for the redelivery delay.</summary>
    public async Task<IReadOnlyList<Entry>> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_gate)
            {
                var now = time.GetUtcNow();
                var batch = _messages.Where(message => message.VisibleAt <= now).Take(MaxBatch).ToList();
                foreach (var message in batch)
                {
                    message.ReceiveCount++;
                    message.VisibleAt = now + redeliveryDelay;
                }

                if (batch.Count > 0)
                {
                    return batch;
                }
            }

            await _arrived.WaitAsync(IdleWait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The message was handled: delete it.</summary>
    public void Delete(Entry message)
    {
        lock (_gate)
        {
            _messages.Remove(message);
        }
    }

    /// <summary>The delivery failed: the message stays invisible until its redelivery, or moves to the dead-letter queue after its last delivery.</summary>
    public void Fail(Entry message, string error)
    {
        lock (_gate)
        {
            if (message.ReceiveCount >= maxReceiveCount)
            {
                _messages.Remove(message);
                _deadLetters.Add(new LocalDeadLetter(message.Id, message.Body, message.Keys, message.ReceiveCount, error));
            }
        }
    }

    /// <summary>The Lambda SQS event of a batch.</summary>
    public static string ToSqsEvent(IEnumerable<Entry> batch)
    {
        var records = new JsonArray();
        foreach (var message in batch)
        {
            records.Add(new JsonObject
            {
                ["messageId"] = message.Id,
                ["receiptHandle"] = $"{message.Id}-{message.ReceiveCount}",
                ["body"] = message.Body,
                ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = message.ReceiveCount.ToString(CultureInfo.InvariantCulture) },
                ["eventSource"] = "aws:sqs",
                ["eventSourceARN"] = "arn:aws:sqs:local:000000000000:upload-queue",
            });
        }

        return new JsonObject { ["Records"] = records }.ToJsonString();
    }

    private static IReadOnlyList<string> KeysOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("Records", out var records) && records.ValueKind == JsonValueKind.Array
                ? records.EnumerateArray()
                    .Select(record => record.TryGetProperty("s3", out var s3) && s3.TryGetProperty("object", out var o) && o.TryGetProperty("key", out var key)
                        ? WebUtility.UrlDecode(key.GetString() ?? "") : "")
                    .Where(key => key.Length > 0)
                    .ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>One message and its delivery state (changed under the queue's lock only).</summary>
    public sealed class Entry(string id, string body, IReadOnlyList<string> keys)
    {
        public string Id { get; } = id;

        public string Body { get; } = body;

        public IReadOnlyList<string> Keys { get; } = keys;

        public int ReceiveCount { get; set; }

        public DateTimeOffset VisibleAt { get; set; }
    }
}
