using Amazon.Runtime;
using GluonStyleText.Aws.Batch;
using GluonStyleText.Aws.Configuration;
using GluonStyleText.Aws.SageMaker;
using GluonStyleText.Aws.Signing;

namespace GluonStyleText.Aws.Tests.Contracts;

/// <summary>Clients wired to a <see cref="FakeAwsHandler"/>, with fixed region and credentials and no retry waits.</summary>
internal static class TestClients
{
    public const string Region = "eu-west-1";
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    public static AwsClientOptions Options(Action<AwsClientOptions>? configure = null)
    {
        var options = new AwsClientOptions
        {
            Region = Region,
            Credentials = new BasicAWSCredentials(AccessKey, SecretKey),
            BaseRetryDelay = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        return options;
    }

    public static BatchJsonClient Batch(FakeAwsHandler handler, Action<AwsClientOptions>? configure = null) =>
        new(Options(configure), new HttpClient(handler));

    public static SageMakerJsonClient SageMaker(FakeAwsHandler handler, Action<AwsClientOptions>? configure = null) =>
        new(Options(configure), new HttpClient(handler));

    public static BatchJsonClient Batch(FakeAwsHandler handler, Func<DateTime> utcNow, Action<AwsClientOptions>? configure = null) =>
        new(new AwsJsonClient(AwsService.Batch, Options(configure), new HttpClient(handler), logger: null, utcNow));
}
