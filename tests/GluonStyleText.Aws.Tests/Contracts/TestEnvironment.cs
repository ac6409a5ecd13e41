using System.Runtime.CompilerServices;

namespace GluonStyleText.Aws.Tests.Contracts;

/// <summary>Process-wide settings applied before any test runs.</summary>
internal static class TestEnvironment
{
    /// <summary>
    /// Keeps AWSSDK.Core from probing the EC2 instance metadata service (for a region or
    /// credentials) when a test reaches the SDK's fallback searches: no test may reach AWS.
    /// </summary>
    [ModuleInitializer]
    internal static void DisableInstanceMetadata() => Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
}
