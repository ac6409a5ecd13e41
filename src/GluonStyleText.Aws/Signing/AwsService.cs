namespace GluonStyleText.Aws.Signing;

/// <summary>How to reach and sign for one AWS JSON API (from the service's API model metadata).</summary>
/// <param name="Name">The name used in messages, such as <c>Batch</c>.</param>
/// <param name="EndpointPrefix">The first labels of the regional host, such as <c>api.sagemaker</c>.</param>
/// <param name="SigningName">The service name in the credential scope, such as <c>sagemaker</c>.</param>
/// <param name="ContentType">The request content type of the protocol.</param>
/// <param name="TargetPrefix">For the awsJson protocol, the prefix of <c>X-Amz-Target</c>; null for rest-json.</param>
internal sealed record AwsService(string Name, string EndpointPrefix, string SigningName, string ContentType, string? TargetPrefix)
{
    /// <summary>AWS Batch: rest-json.</summary>
    public static AwsService Batch { get; } = new("Batch", "batch", "batch", "application/json", null);

    /// <summary>Amazon SageMaker: awsJson 1.1.</summary>
    public static AwsService SageMaker { get; } = new("SageMaker", "api.sagemaker", "sagemaker", "application/x-amz-json-1.1", "SageMaker");
}
