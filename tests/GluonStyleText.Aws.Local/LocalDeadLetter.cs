namespace GluonStyleText.Aws.Local;

/// <summary>
/// An S3 event that the local pipeline's upload queue gave up on: the Lambda handler failed it
/// on every one of <see cref="LocalPipelineOptions.MaxReceiveCount"/> deliveries, as SQS's
/// redrive policy moves such a message to the stack's dead-letter queue.
/// </summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="Body">The S3 event notification JSON, as S3 sent it.</param>
/// <param name="Keys">The decoded keys the event names.</param>
/// <param name="ReceiveCount">How many times it was delivered.</param>
/// <param name="LastError">Why the last delivery failed.</param>
public sealed record LocalDeadLetter(string MessageId, string Body, IReadOnlyList<string> Keys, int ReceiveCount, string LastError);
