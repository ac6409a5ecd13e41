using GluonStyleText.Aws.Configuration;

namespace GluonStyleText.Aws.Tests.Signing;

/// <summary>The region is part of every signature's scope and of the endpoint host.</summary>
public sealed class AwsRegionResolverTests
{
    private static Func<string, string?> Environment(string? region = null, string? defaultRegion = null) => name => name switch
    {
        "AWS_REGION" => region,
        "AWS_DEFAULT_REGION" => defaultRegion,
        _ => throw new InvalidOperationException($"Unexpected variable {name}"),
    };

    [Fact]
    public void Configured_region_wins()
    {
        Assert.Equal("eu-west-1", AwsRegionResolver.Resolve("eu-west-1", Environment("us-east-1", "us-west-2"), () => "ap-south-1"));
    }

    [Fact]
    public void AWS_REGION_comes_before_AWS_DEFAULT_REGION()
    {
        Assert.Equal("us-east-1", AwsRegionResolver.Resolve(null, Environment("us-east-1", "us-west-2"), () => "ap-south-1"));
    }

    [Fact]
    public void AWS_DEFAULT_REGION_comes_before_the_sdk_search()
    {
        Assert.Equal("us-west-2", AwsRegionResolver.Resolve("  ", Environment(string.Empty, " us-west-2 "), () => "ap-south-1"));
    }

    [Fact]
    public void The_sdk_search_comes_last()
    {
        Assert.Equal("ap-south-1", AwsRegionResolver.Resolve(null, Environment(), () => "ap-south-1"));
    }

    [Fact]
    public void No_region_anywhere_is_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AwsRegionResolver.Resolve(null, Environment(), () => null));

        Assert.Equal(
            "No AWS region is configured. Set AwsClientOptions.Region, the AWS_REGION or AWS_DEFAULT_REGION environment variable, or a region in the AWS profile (~/.aws/config).",
            error.Message);
    }

    [Fact]
    public void A_malformed_region_names_its_source()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AwsRegionResolver.Resolve(null, Environment(defaultRegion: "Ireland"), () => null));

        Assert.Equal("The AWS region 'Ireland' from the AWS_DEFAULT_REGION environment variable is not a region name such as 'eu-west-1'.", error.Message);
    }

    [Theory]
    [InlineData("us-gov-west-1")]
    [InlineData("cn-northwest-1")]
    [InlineData("ap-southeast-5")]
    public void Accepts_regions_of_every_partition(string region)
    {
        Assert.Equal(region, AwsRegionResolver.Resolve(region, Environment(), () => null));
    }
}
