namespace GluonStyleText.Aws.Signing;

/// <summary>One operation of an AWS JSON API; all of ours are <c>POST</c>.</summary>
/// <param name="Name">The operation name, such as <c>SubmitJob</c>.</param>
/// <param name="Path">The request path, such as <c>/v1/submitjob</c> (rest-json) or <c>/</c> (awsJson).</param>
internal sealed record AwsJsonOperation(string Name, string Path);
