using System.Text.RegularExpressions;
using Amazon.Runtime;

namespace GluonStyleText.Aws.Configuration;

/// <summary>
/// Finds the AWS region to call. AWSSDK.Core's own search reads <c>AWS_REGION</c> but not
/// <c>AWS_DEFAULT_REGION</c>, which the AWS CLI (and so many deployment scripts) use; this
/// resolver checks both before falling back to the SDK.
/// </summary>
internal static partial class AwsRegionResolver
{
    /// <summary>The environment variable the AWS SDKs and AWS runtimes (Lambda, Batch) set.</summary>
    public const string RegionVariable = "AWS_REGION";

    /// <summary>The environment variable the AWS CLI reads.</summary>
    public const string DefaultRegionVariable = "AWS_DEFAULT_REGION";

    /// <summary>
    /// Returns, in order: <paramref name="configuredRegion"/>, <c>AWS_REGION</c>,
    /// <c>AWS_DEFAULT_REGION</c>, then the region AWSSDK.Core finds (profile, instance metadata).
    /// </summary>
    /// <param name="configuredRegion">The region set in code or configuration; null or blank when not set.</param>
    /// <returns>The region's system name, such as <c>eu-west-1</c>.</returns>
    /// <exception cref="InvalidOperationException">No source names a region, or the name is malformed.</exception>
    public static string Resolve(string? configuredRegion) =>
        Resolve(configuredRegion, Environment.GetEnvironmentVariable, () => FallbackRegionFactory.GetRegionEndpoint()?.SystemName);

    /// <summary>
    /// <see cref="Resolve(string?)"/> with the environment and the SDK's search supplied by the
    /// caller, so the order can be tested without touching the process.
    /// </summary>
    /// <param name="configuredRegion">The region set in code or configuration; null or blank when not set.</param>
    /// <param name="getEnvironmentVariable">Reads an environment variable; returns null when unset.</param>
    /// <param name="sdkFallbackRegion">The SDK's own search; returns null when it finds nothing.</param>
    /// <returns>The region's system name, such as <c>eu-west-1</c>.</returns>
    /// <exception cref="InvalidOperationException">No source names a region, or the name is malformed.</exception>
    public static string Resolve(string? configuredRegion, Func<string, string?> getEnvironmentVariable, Func<string?> sdkFallbackRegion)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        ArgumentNullException.ThrowIfNull(sdkFallbackRegion);

        var candidates = new (string Source, Func<string?> Read)[]
        {
            ($"{nameof(AwsClientOptions)}.{nameof(AwsClientOptions.Region)}", () => configuredRegion),
            ($"the {RegionVariable} environment variable", () => getEnvironmentVariable(RegionVariable)),
            ($"the {DefaultRegionVariable} environment variable", () => getEnvironmentVariable(DefaultRegionVariable)),
            ("the AWS SDK's region search (profile, instance metadata)", sdkFallbackRegion),
        };

        foreach (var (source, read) in candidates)
        {
            var region = read()?.Trim();
            if (string.IsNullOrEmpty(region))
            {
                continue;
            }

            // The region becomes part of a host name and of the signature's scope.
            if (!RegionName().IsMatch(region))
            {
                throw new InvalidOperationException(
                    $"The AWS region '{region}' from {source} is not a region name such as 'eu-west-1'.");
            }

            return region;
        }

        throw new InvalidOperationException(
            $"No AWS region is configured. Set {nameof(AwsClientOptions)}.{nameof(AwsClientOptions.Region)}, " +
            $"the {RegionVariable} or {DefaultRegionVariable} environment variable, or a region in the AWS profile (~/.aws/config).");
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+\\z")]
    private static partial Regex RegionName();
}
