namespace GluonStyleText.Tests.Training;

/// <summary>
/// Tests that need torch's global random generator (or the process's memory) to themselves: every test
/// that trains or builds a model in this process (model constructors and every training epoch call
/// torch.manual_seed, and dropout draws from that one generator), whether directly, through a fixture
/// or through the CLIs run in-process. xunit runs this collection alone, after the parallel ones.
/// Tests that train in a child process (Packaging) need not be here.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTorchCollection
{
    public const string Name = "Serial torch";
}
