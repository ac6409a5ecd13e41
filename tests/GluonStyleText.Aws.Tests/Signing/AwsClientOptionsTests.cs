using GluonStyleText.Aws.Tests.Contracts;

namespace GluonStyleText.Aws.Tests.Signing;

public sealed class AwsClientOptionsTests
{
    [Fact]
    public void Invalid_options_fail_when_the_client_is_created_naming_each_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => TestClients.Batch(new FakeAwsHandler(), options =>
        {
            options.MaxAttempts = 0;
            options.ServiceUrl = new Uri("/relative", UriKind.Relative);
        }));

        Assert.Contains("AwsClientOptions: The field MaxAttempts must be between 1 and 20.", error.Message, StringComparison.Ordinal);
        Assert.Contains("AwsClientOptions: ServiceUrl must be an absolute http or https URL (was '/relative').", error.Message, StringComparison.Ordinal);
    }
}
