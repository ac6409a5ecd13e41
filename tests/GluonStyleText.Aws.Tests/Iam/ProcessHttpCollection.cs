namespace GluonStyleText.Aws.Tests.Iam;

/// <summary>Tests that observe every HTTP request of the test process run alone, never beside other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessHttpCollection
{
    public const string Name = "Process HTTP traffic";
}
