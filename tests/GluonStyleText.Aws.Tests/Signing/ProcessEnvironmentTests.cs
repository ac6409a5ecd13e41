using GluonStyleText.Aws.Configuration;
using GluonStyleText.Aws.Tests.Contracts;

namespace GluonStyleText.Aws.Tests.Signing;

/// <summary>Region and credentials found in real environment variables, as in Lambda and Batch containers.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ProcessEnvironmentTests
{
    [Fact]
    public void Reads_AWS_REGION_then_AWS_DEFAULT_REGION_from_the_process()
    {
        using (new EnvironmentVariables(("AWS_REGION", "eu-central-1"), ("AWS_DEFAULT_REGION", "eu-north-1")))
        {
            Assert.Equal("eu-central-1", AwsRegionResolver.Resolve(null));
        }

        using (new EnvironmentVariables(("AWS_REGION", null), ("AWS_DEFAULT_REGION", "eu-north-1")))
        {
            Assert.Equal("eu-north-1", AwsRegionResolver.Resolve(null));
        }
    }

    [Fact]
    public async Task Without_configured_credentials_uses_the_sdks_default_chain()
    {
        using var variables = new EnvironmentVariables(
            ("AWS_ACCESS_KEY_ID", "ASIAFROMENVIRONMENT"),
            ("AWS_SECRET_ACCESS_KEY", "secret-from-environment"),
            ("AWS_SESSION_TOKEN", "token-from-environment"));
        var handler = new FakeAwsHandler().RespondOk(CannedResponses.SubmitJob);

        await TestClients.Batch(handler, options => options.Credentials = null)
            .SubmitJobAsync(new("j", "q", "d", new Dictionary<string, string>()));

        var request = Assert.Single(handler.Requests);
        Assert.Equal("token-from-environment", request.Header("X-Amz-Security-Token"));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=ASIAFROMENVIRONMENT/", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_without_any_region_fails_when_created()
    {
        using var variables = new EnvironmentVariables(
            ("AWS_REGION", null),
            ("AWS_DEFAULT_REGION", null),
            ("AWS_PROFILE", "gluonstyletext-tests-no-such-profile"),
            ("AWS_CONFIG_FILE", Path.Combine(Path.GetTempPath(), "gluonstyletext-no-such-aws-config")),
            ("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(Path.GetTempPath(), "gluonstyletext-no-such-aws-credentials")));

        var error = Assert.Throws<InvalidOperationException>(() => TestClients.Batch(new FakeAwsHandler(), options => options.Region = null));

        Assert.StartsWith("No AWS region is configured.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_credentials_anywhere_is_a_clear_error_before_anything_is_sent()
    {
        using var variables = new EnvironmentVariables(
            ("AWS_ACCESS_KEY_ID", null),
            ("AWS_SECRET_ACCESS_KEY", null),
            ("AWS_SESSION_TOKEN", null),
            ("AWS_PROFILE", null),
            ("AWS_WEB_IDENTITY_TOKEN_FILE", null),
            ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", null),
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", null),
            ("AWS_CONFIG_FILE", Path.Combine(Path.GetTempPath(), "gluonstyletext-no-such-aws-config")),
            ("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(Path.GetTempPath(), "gluonstyletext-no-such-aws-credentials")));
        var handler = new FakeAwsHandler();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestClients.Batch(handler, options => options.Credentials = null)
            .SubmitJobAsync(new("j", "q", "d", new Dictionary<string, string>())));

        Assert.StartsWith(
            "Batch: could not find AWS credentials. Set AwsClientOptions.Credentials, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or an AWS profile, or run where a role provides them.",
            error.Message,
            StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }
}
