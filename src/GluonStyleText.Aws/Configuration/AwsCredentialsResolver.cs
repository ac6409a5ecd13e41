using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace GluonStyleText.Aws.Configuration;

/// <summary>
/// Gets the credentials to sign one request with. Asked before every request, because
/// container and instance credentials expire and the SDK's credential objects refresh them.
/// </summary>
internal static class AwsCredentialsResolver
{
    /// <summary>Returns current credentials from <paramref name="configured"/> or AWSSDK.Core's default chain.</summary>
    public static async Task<ImmutableCredentials> GetAsync(AWSCredentials? configured, string serviceName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var credentials = configured ?? await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync().ConfigureAwait(false);
            var current = await credentials.GetCredentialsAsync().ConfigureAwait(false);
            return current ?? throw new InvalidOperationException(
                $"{serviceName}: the AWS credentials ({credentials.GetType().Name}) returned nothing to sign with.");
        }
        catch (AmazonClientException exception)
        {
            throw new InvalidOperationException(
                $"{serviceName}: could not find AWS credentials. Set {nameof(AwsClientOptions)}.{nameof(AwsClientOptions.Credentials)}, " +
                $"or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or an AWS profile, or run where a role provides them. {exception.Message}",
                exception);
        }
    }
}
