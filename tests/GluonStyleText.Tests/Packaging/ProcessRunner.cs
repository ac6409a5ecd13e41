using System.Diagnostics;
using System.Text;

namespace GluonStyleText.Tests.Packaging;

/// <summary>Runs a command line tool and captures everything it prints (standard output and error, interleaved).</summary>
internal static class ProcessRunner
{
    // The test host's MSBuild variables would make a child build think it is part of the one that built the tests.
    private static readonly string[] InheritedBuildVariables =
        ["MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly", "MSBUILDNOINPROCNODE"];

    /// <summary>The dotnet executable that runs the tests, else the one on the PATH.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> (each passed as one argument, no quoting needed).</summary>
    /// <exception cref="TimeoutException">It did not finish in time; it and its children are killed.</exception>
    public static ProcessResult Run(string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in InheritedBuildVariables)
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // Idle MSBuild worker nodes would outlive the test.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        var commandLine = $"{fileName} {string.Join(' ', arguments)}";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"'{commandLine}' did not finish within {timeout}. Output so far:{Environment.NewLine}{Text(output)}");
        }

        // The parameterless wait also waits for the output readers to reach the end of both streams.
        process.WaitForExit();
        return new ProcessResult(commandLine, process.ExitCode, Text(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
