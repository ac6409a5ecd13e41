using System.ComponentModel.DataAnnotations;
using Amazon.Runtime;

namespace GluonStyleText.Aws.Configuration;

/// <summary>
/// Settings shared by this package's AWS API clients (<c>BatchJsonClient</c>, <c>SageMakerJsonClient</c>).
/// Everything is optional: by default the region and credentials come from the environment the
/// way the AWS CLI and SDKs find them.
/// </summary>
public sealed class AwsClientOptions
{
    /// <summary>
    /// The AWS region, such as <c>eu-west-1</c>. When not set: <c>AWS_REGION</c>, then
    /// <c>AWS_DEFAULT_REGION</c>, then the AWS SDK's own search (profile, instance metadata).
    /// </summary>
    public string? Region { get; set; }

    /// <summary>
    /// Sends requests to this URL instead of the service's regional endpoint (a VPC endpoint, a
    /// local emulator, a test server). Requests are still signed for <see cref="Region"/>.
    /// </summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>
    /// The credentials to sign with. When not set, AWSSDK.Core's default chain is used: environment
    /// variables, web identity, the shared profile, then container (ECS, Batch) or instance credentials.
    /// </summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>Attempts per call, including the first, for throttling and server errors. Default 5.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// The backoff before the second attempt; it doubles with each further attempt, up to
    /// <see cref="MaxRetryDelay"/>, and the actual wait is a random fraction of it. Default 200 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest backoff between two attempts. Default 20 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Throws an <see cref="ArgumentException"/> naming every invalid setting.</summary>
    internal void Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        var errors = results.Select(result => $"{nameof(AwsClientOptions)}: {result.ErrorMessage}").ToList();
        if (ServiceUrl is not null && (!ServiceUrl.IsAbsoluteUri || (ServiceUrl.Scheme != Uri.UriSchemeHttps && ServiceUrl.Scheme != Uri.UriSchemeHttp)))
        {
            errors.Add($"{nameof(AwsClientOptions)}: {nameof(ServiceUrl)} must be an absolute http or https URL (was '{ServiceUrl}').");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors));
        }
    }
}
