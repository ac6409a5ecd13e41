using GluonStyleText.Aws.Signing;

namespace GluonStyleText.Aws.Tests.Signing;

public sealed class AwsRetryPolicyTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(1, 200)]
    [InlineData(2, 400)]
    [InlineData(3, 800)]
    [InlineData(7, 12_800)]
    [InlineData(8, 20_000)]
    [InlineData(1000, 20_000)]
    public void The_cap_doubles_per_attempt_up_to_the_maximum(int attempt, double capMilliseconds)
    {
        // The largest random fraction below 1 gives (almost) the cap; 0 gives no wait.
        var nearCap = AwsRetryPolicy.GetDelay(attempt, Base, Max, 0.999999);

        Assert.InRange(nearCap.TotalMilliseconds, capMilliseconds * 0.999, capMilliseconds);
        Assert.Equal(TimeSpan.Zero, AwsRetryPolicy.GetDelay(attempt, Base, Max, 0));
    }

    [Fact]
    public void The_wait_is_the_random_fraction_of_the_cap()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), AwsRetryPolicy.GetDelay(1, Base, Max, 0.5));
        Assert.Equal(TimeSpan.FromMilliseconds(200), AwsRetryPolicy.GetDelay(2, Base, Max, 0.5));
    }
}
