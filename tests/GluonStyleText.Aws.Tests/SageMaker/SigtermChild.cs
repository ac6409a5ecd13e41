using System.Diagnostics;
using GluonStyleText.Aws.Host.SageMaker;
using GluonStyleText.Aws.SageMaker;
using GluonStyleText.Aws.Tests.Jobs;
using GluonStyleText.Training;

namespace GluonStyleText.Aws.Tests.SageMaker;

/// <summary>
/// The child process of <see cref="SageMakerStopSignalTests"/>: trains with the SageMaker entrypoint on a prepared
/// <c>/opt/ml</c> and sends itself SIGTERM once the second epoch starts. Should the entrypoint stop handling the
/// signal, this process dies of it and the test fails; the test host lives on.
/// </summary>
internal static class SigtermChild
{
    public const string Command = "sigterm-child";

    /// <summary>Printed on standard output when the entrypoint logged the stop request.</summary>
    public const string StopLoggedLine = "child: the entrypoint logged the SIGTERM";

    /// <summary>Runs this child for <paramref name="root"/>, with the test host's dotnet; never waits forever.</summary>
    public static async Task<(int ExitCode, string Output)> StartAsync(string root)
    {
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(typeof(SigtermChild).Assembly.Location);
        startInfo.ArgumentList.Add(Command);
        startInfo.ArgumentList.Add(root);
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();

        // A guard against a hung child, not a timing assertion: the child trains for a few seconds.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        return (process.ExitCode, $"exit code {process.ExitCode}{Environment.NewLine}out:{Environment.NewLine}{await output}{Environment.NewLine}error:{Environment.NewLine}{await error}");
    }

    public static async Task<int> RunAsync(string root)
    {
        using var stopLogged = new ManualResetEventSlim();
        var logger = new CallbackLogger(message =>
        {
            Console.WriteLine(message);
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

        var exitCode = await SageMakerTrainingEntrypoint.RunAsync(new SageMakerPaths(root), logger, progress);
        if (stopLogged.IsSet)
        {
            Console.WriteLine(StopLoggedLine);
        }

        return exitCode;
    }

    private static void SendSigtermToThisProcess()
    {
        var startInfo = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add($"kill -TERM {Environment.ProcessId}");
        using var kill = Process.Start(startInfo)!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {Environment.ProcessId} exited with code {kill.ExitCode}.");
        }
    }
}
