namespace GluonStyleText.Aws.Lambda;

/// <summary>
/// The deployed upload Lambda (handler <c>GluonStyleText.Aws.Lambda::GluonStyleText.Aws.Lambda.UploadFunction::HandleAsync</c>):
/// Lambda's .NET runtime creates it once per execution environment, and every SQS batch of S3
/// events goes to one <see cref="S3UploadHandler"/>, configured from the function's environment.
/// </summary>
public sealed class UploadFunction
{
    private readonly S3UploadHandler _handler = new();

    /// <summary>Handles one invocation: the event JSON in, the partial-batch response JSON out (Stream in/out needs no serializer).</summary>
    /// <param name="input">The invocation's event.</param>
    /// <returns>The response, which names the SQS messages to deliver again.</returns>
    public Task<Stream> HandleAsync(Stream input) => _handler.HandleAsync(input);
}
