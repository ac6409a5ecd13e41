namespace GluonStyleText.Tests.Training;

/// <summary>
/// Tests that need torch's global random generator (or the process's memory) to themselves:
/// xunit runs this collection alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTorchCollection
{
    public const string Name = "Serial torch";
}
