using System.Diagnostics;
using System.Text;

namespace GluonStyleText.Aws.Tests.SageMaker;

/// <summary>
/// The container host's <c>train</c> command (src/GluonStyleText.Aws.Host), started as SageMaker starts it: a process
/// of its own, <c>dotnet GluonStyleText.Aws.Host.dll train --opt-ml ROOT</c>, with its output collected.
/// </summary>
internal sealed class HostTrainProcess : IDisposable
{
    // A guard against a hung child, not a timing assertion.
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostTrainProcess(Process process)
    {
        this._process = process;
    }

    /// <summary>Starts <c>train</c> on <paramref name="root"/> with the test host's dotnet; its temporary files go to <paramref name="temporaryDirectory"/>.</summary>
    public static HostTrainProcess Start(string root, string temporaryDirectory)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "GluonStyleText.Aws.Host.dll");
        if (!File.Exists(host))
        {
            throw new FileNotFoundException($"The host is not beside the tests: {host}", host);
        }

        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(host);
        startInfo.ArgumentList.Add("train");
        startInfo.ArgumentList.Add("--opt-ml");
        startInfo.ArgumentList.Add(root);
        // A killed run leaves its staging folder; here it goes with the test's folder.
        Directory.CreateDirectory(temporaryDirectory);
        startInfo.Environment["TMPDIR"] = temporaryDirectory;

        var child = new HostTrainProcess(new Process { StartInfo = startInfo });
        child._process.OutputDataReceived += (_, line) => child.Append(line.Data);
        child._process.ErrorDataReceived += (_, line) => child.Append(line.Data);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs <c>train</c> on <paramref name="root"/> to its end.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string root, string temporaryDirectory)
    {
        using var child = Start(root, temporaryDirectory);
        return await child.WaitAsync();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Kills the process with SIGKILL, as a lost spot instance ends it: no signal handler runs, nothing is saved.</summary>
    public void Kill() => _process.Kill(entireProcessTree: false);

    /// <summary>Waits for the process to end; the output is complete when this returns.</summary>
    public async Task<(int ExitCode, string Output)> WaitAsync()
    {
        using var guard = new CancellationTokenSource(Guard);
        try
        {
            await _process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        // The parameterless wait also waits for the redirected streams to reach their end.
        _process.WaitForExit();
        lock (_output)
        {
            return (_process.ExitCode, $"exit code {_process.ExitCode}{Environment.NewLine}{_output}");
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
