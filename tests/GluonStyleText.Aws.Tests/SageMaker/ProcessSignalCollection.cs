namespace GluonStyleText.Aws.Tests.SageMaker;

/// <summary>Tests that send a signal to the test process run alone, never beside other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessSignalCollection
{
    public const string Name = "Process signals";
}
