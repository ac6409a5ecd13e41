using System.Diagnostics;
using GluonStyleText.Aws.SageMaker;
using GluonStyleText.Aws.Tests.Jobs;
using GluonStyleText.Aws.Tests.Pipeline;
using GluonStyleText.Training;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Aws.Tests.SageMaker;

// SageMaker stops a job with SIGTERM; the entrypoint must turn it into a saved model, not a dead process.
[Collection(ProcessSignalCollection.Name)]
public sealed class SageMakerStopSignalTests : IDisposable
{
    private readonly SageMakerContainer container = new();

    public void Dispose() => container.Dispose();

    [LinuxFact]
    public async Task SIGTERM_stops_training_and_the_best_model_so_far_is_saved()
    {
        container.WriteHyperparameters();
        container.WriteChannelFile("train.csv", SyntheticReviews.ToCsv(SyntheticReviews.Create(200, seed: 8)));
        using var stopLogged = new ManualResetEventSlim();
        var logger = new CallbackLogger(message =>
        {
            if (message.StartsWith("Stop requested (SIGTERM)", StringComparison.Ordinal))
            {
                stopLogged.Set();
            }
        });
        var signalled = false;
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Epoch == 1 && !signalled)
            {
                signalled = true;
                SendSigtermToThisProcess();
                // Signals arrive on another thread; go on only once the entrypoint has seen it.
                stopLogged.Wait(TimeSpan.FromSeconds(30));
            }
        });

        var exitCode = await SageMakerTrainingEntrypoint.RunAsync(container.Paths, logger, progress);

        Assert.True(stopLogged.IsSet, "the entrypoint did not log the SIGTERM");
        Assert.Equal(SageMakerTrainingEntrypoint.SuccessExitCode, exitCode);
        using var report = container.ReadReport();
        Assert.True(report.RootElement.GetProperty("stopped").GetBoolean());
        Assert.Equal(0, report.RootElement.GetProperty("best_epoch").GetInt32());
        Assert.Equal(0, container.CheckpointEpoch());
        Assert.True(File.Exists(Path.Combine(container.Paths.ModelDirectory, "bundle.json")));
    }

    private static void SendSigtermToThisProcess()
    {
        var startInfo = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add($"kill -TERM {Environment.ProcessId}");
        using var kill = Process.Start(startInfo)!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private sealed class CallbackLogger(Action<string> onMessage) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            onMessage(formatter(state, exception));
    }
}
