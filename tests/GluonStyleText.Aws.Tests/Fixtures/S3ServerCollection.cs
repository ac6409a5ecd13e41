namespace GluonStyleText.Aws.Tests.Fixtures;

/// <summary>
/// Tests that share one local S3 server; xunit runs them one after another. Every test of this assembly that trains
/// in this process belongs here too (or in a collection that runs alone): model constructors and training epochs
/// call torch.manual_seed on the one global generator, so two trainings side by side would draw each other's numbers.
/// </summary>
[CollectionDefinition(Name)]
public sealed class S3ServerCollection : ICollectionFixture<S3ServerFixture>
{
    /// <summary>The collection's name, for <c>[Collection(S3ServerCollection.Name)]</c>.</summary>
    public const string Name = "Local S3 server";
}
