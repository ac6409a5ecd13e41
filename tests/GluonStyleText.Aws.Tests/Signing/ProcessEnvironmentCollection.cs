namespace GluonStyleText.Aws.Tests.Signing;

/// <summary>Tests that change the process's environment variables run alone, never beside other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Process environment";
}
