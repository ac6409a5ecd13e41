using System.Text.Json.Serialization;

namespace GluonStyleText.Aws.Lambda;

/// <summary>
/// An SQS message the function could not handle. Lambda (with <c>ReportBatchItemFailures</c>)
/// leaves it on the queue to be delivered again, and SQS moves it to the dead-letter queue after
/// the redrive policy's <c>maxReceiveCount</c> deliveries; the other messages of the batch are deleted.
/// </summary>
/// <param name="ItemIdentifier">The message's id.</param>
public sealed record BatchItemFailure([property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);
