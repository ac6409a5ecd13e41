namespace GluonStyleText.Aws.Tests.Fixtures;

/// <summary>Tests that share one local S3 server; xunit runs them one after another.</summary>
[CollectionDefinition(Name)]
public sealed class S3ServerCollection : ICollectionFixture<S3ServerFixture>
{
    /// <summary>The collection's name, for <c>[Collection(S3ServerCollection.Name)]</c>.</summary>
    public const string Name = "Local S3 server";
}
