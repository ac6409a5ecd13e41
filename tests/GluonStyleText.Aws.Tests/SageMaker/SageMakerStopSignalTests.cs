using GluonStyleText.Aws.Host.SageMaker;
using GluonStyleText.Aws.SageMaker;
using GluonStyleText.Aws.Tests.Pipeline;

namespace GluonStyleText.Aws.Tests.SageMaker;

// SageMaker stops a job with SIGTERM; the entrypoint must turn it into a saved model, not a dead process. The
// training and the signal happen in a child process (SigtermChild), so that a regression fails this test only.
[Collection(ProcessSignalCollection.Name)]
public sealed class SageMakerStopSignalTests : IDisposable
{
    private readonly SageMakerContainer _container = new();

    public void Dispose() => _container.Dispose();

    [LinuxFact]
    public async Task SIGTERM_stops_training_and_the_best_model_so_far_is_saved()
    {
        _container.WriteHyperparameters();
        _container.WriteChannelFile("train.csv", SyntheticReviews.ToCsv(SyntheticReviews.Create(200, seed: 8)));

        var (exitCode, output) = await SigtermChild.StartAsync(_container.Paths.Root);

        Assert.True(exitCode == SageMakerTrainingEntrypoint.SuccessExitCode, output);
        Assert.True(output.Contains(SigtermChild.StopLoggedLine, StringComparison.Ordinal), "the entrypoint did not log the SIGTERM: " + output);
        using var report = _container.ReadReport();
        Assert.True(report.RootElement.GetProperty("stopped").GetBoolean());
        Assert.Equal(0, report.RootElement.GetProperty("best_epoch").GetInt32());
        Assert.Equal(0, _container.CheckpointEpoch());
        Assert.True(File.Exists(Path.Combine(_container.Paths.ModelDirectory, "bundle.json")));
    }
}
