using System.CommandLine;
using System.Text;
using System.Text.Json;
using GluonStyleText.Cli.ConsoleUi;
using GluonStyleText.Models;

namespace GluonStyleText.Cli.Commands;

/// <summary>
/// <c>doctor</c>: checks that this machine's native kernels compute the models' numbers right (<see cref="NativeKernelCheck"/>)
/// and prints the CPU, threads, libtorch version and each check, so that a user on an unusual machine knows in a
/// second rather than after an hour of training. <c>train</c> runs the same check before it starts.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(CliConsole console, Option<bool> verbose)
    {
        var threads = CommonOptions.Threads();
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (machine facts and every check) instead of text." };
        var command = new Command("doctor", "Check that this machine's native kernels compute the models' numbers right, and print its CPU, threads and libtorch version.")
        {
            threads, json,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, console, verbose, (session, token) =>
        {
            if (parseResult.GetValue(threads) is { } count)
            {
                TorchSharp.torch.set_num_threads(count);
            }

            var report = NativeKernelCheck.Run(token);
            session.Say(parseResult.GetValue(json) ? ToJson(report) : report.ToString());

            // The runner turns this into the error message (what it means, what to do) and its own exit code.
            return report.Passed ? Task.FromResult(ExitCodes.Success) : throw new NativeKernelCheckException(report);
        }, cancellationToken));
        return command;
    }

    /// <summary>The report as an indented JSON object; an error that is not a number (a NaN) is null.</summary>
    internal static string ToJson(NativeKernelReport report)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("passed", report.Passed);
            writer.WriteString("cpu", report.Cpu);
            writer.WriteString("cpu_family", report.CpuFamily);
            writer.WriteString("cpu_cache", report.CpuCache);
            writer.WriteString("cpu_vector_extensions", report.CpuVectorExtensions);
            writer.WriteNumber("logical_cores", report.LogicalCores);
            writer.WriteNumber("torch_threads", report.TorchThreads);
            writer.WriteString("libtorch_version", report.LibTorchVersion);
            writer.WriteString("torchsharp_version", report.TorchSharpVersion);
            writer.WriteString("os", report.OperatingSystem);
            writer.WriteNumber("seconds", Math.Round(report.Elapsed.TotalSeconds, 3));
            writer.WriteStartArray("checks");
            foreach (var check in report.Checks)
            {
                writer.WriteStartObject();
                writer.WriteString("name", check.Name);
                writer.WriteBoolean("passed", check.Passed);
                if (double.IsFinite(check.Error))
                {
                    writer.WriteNumber("error", check.Error);
                }
                else
                {
                    writer.WriteNull("error");
                }

                writer.WriteNumber("tolerance", check.Tolerance);
                writer.WriteString("problem", check.Problem);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
