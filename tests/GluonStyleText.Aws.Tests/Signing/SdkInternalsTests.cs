using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using GluonStyleText.Aws.Signing;

namespace GluonStyleText.Aws.Tests.Signing;

/// <summary>
/// The AWS package references AWSSDK by a version range, which is only safe while it uses the
/// SDK's public API: types in its Internal namespaces change without notice between versions.
/// </summary>
public sealed class SdkInternalsTests
{
    [Fact]
    public void The_aws_package_references_no_type_in_an_sdk_internal_namespace()
    {
        using var stream = File.OpenRead(typeof(SigV4Signer).Assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();

        var internalTypes = metadata.TypeReferences
            .Select(handle => metadata.GetTypeReference(handle))
            .Select(reference => $"{metadata.GetString(reference.Namespace)}.{metadata.GetString(reference.Name)}")
            .Where(name => name.StartsWith("Amazon.", StringComparison.Ordinal) && name.Contains(".Internal", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Empty(internalTypes);
    }
}
