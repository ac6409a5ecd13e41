using System.CommandLine;
using System.Text.Json;
using GluonStyleText.Cli.ConsoleUi;
using GluonStyleText.Models;
using TorchSharp;

namespace GluonStyleText.Tests.Cli;

/// <summary><c>gluontext doctor</c>: the machine's facts and checks, and what a failed check does to the exit code and message.</summary>
[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class DoctorCliTests
{
    [Fact]
    public async Task PrintsTheMachineAndEveryCheckAndExitsZero()
    {
        var run = await GluonTextRun.RunAsync("doctor");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Split(Environment.NewLine);
        Assert.StartsWith("CPU:      ", lines[0], StringComparison.Ordinal);
        if (OperatingSystem.IsLinux() && File.ReadAllText("/proc/cpuinfo").Contains("cpu family", StringComparison.Ordinal))
        {
            Assert.Matches(@"\(\S+ family \d+ model \d+ stepping \d+; cache ", lines[0]);
        }

        Assert.Contains($"Cores:    {Environment.ProcessorCount} logical; torch threads: {torch.get_num_threads()}", run.Out, StringComparison.Ordinal);
        Assert.Contains($"libtorch: {torch.__version__} (TorchSharp 0.", run.Out, StringComparison.Ordinal);
        Assert.Contains("OS:       ", run.Out, StringComparison.Ordinal);
        Assert.Equal(6, lines.Count(line => line.StartsWith("  ok    ", StringComparison.Ordinal)));
        Assert.Contains("  ok    CNN backward (gradients)", run.Out, StringComparison.Ordinal);
        Assert.Contains("Native kernels: all 6 checks passed (float32 against float64) in ", run.Out, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task WritesJsonWithJson()
    {
        var run = await GluonTextRun.RunAsync("doctor", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Equal(torch.get_num_threads(), root.GetProperty("torch_threads").GetInt32());
        Assert.Equal(torch.__version__, root.GetProperty("libtorch_version").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("cpu_family").GetString()));
        Assert.Equal(6, root.GetProperty("checks").GetArrayLength());
        Assert.All(root.GetProperty("checks").EnumerateArray(), check => Assert.True(check.GetProperty("error").GetDouble() < check.GetProperty("tolerance").GetDouble()));
    }

    [Fact]
    public async Task HelpListsDoctor()
    {
        var run = await GluonTextRun.RunAsync("--help");

        Assert.Contains("doctor", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedCheckGivesExitCodeThreeAndSaysWhatToDo()
    {
        // The same runner every command (doctor, train) reports through, given the exception a failed check throws.
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, ErrorIsTerminal: false);
        var verbose = new Option<bool>("--verbose");
        var command = new Command("broken");
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            parseResult, console, verbose, (_, _) => throw new NativeKernelCheckException(FailedReport()), cancellationToken));

        var exitCode = await CommandLineHost.RunAsync(new RootCommand { verbose, command }, ["broken"], console, CancellationToken.None);

        Assert.Equal(ExitCodes.WrongNumbers, exitCode);
        Assert.NotEqual(ExitCodes.Failure, ExitCodes.WrongNumbers);
        var message = error.ToString();
        Assert.StartsWith("error: this machine's native kernels give wrong numbers (CNN forward (logits): non-finite values (NaN or infinity) in the logits)", message, StringComparison.Ordinal);
        Assert.Contains("cannot be trusted", message, StringComparison.Ordinal);
        Assert.Contains("CPU: AMD EPYC 9R45 (AuthenticAMD family 26 model 2 stepping 1; cache not reported)", message, StringComparison.Ordinal);
        Assert.Contains("use another machine type", message, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected", message, StringComparison.Ordinal);
    }

    private static NativeKernelReport FailedReport()
    {
        using var reference = torch.ones(4, dtype: torch.ScalarType.Float64);
        using var broken = torch.full([4], float.NaN, dtype: torch.ScalarType.Float32);
        var failed = NativeKernelCheck.Compare("CNN forward (logits)", [("logits", broken, reference)]);
        return new NativeKernelReport(
            new CpuDescription("AMD EPYC 9R45", "AuthenticAMD family 26 model 2 stepping 1", "not reported", ""),
            4, 4, torch.__version__, "0.107.0", "Linux", [failed], TimeSpan.FromSeconds(0.3));
    }
}
