using GluonStyleText.Samples.Imdb;
using GluonStyleText.Cli.ConsoleUi;

namespace GluonStyleText.Samples.Tests;

/// <summary>Runs the IMDB program's entry point in-process with its output captured.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Program.RunAsync(args, new CliConsole(output, error, ErrorIsTerminal: false), cancellationToken);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}out:{Environment.NewLine}{Out}{Environment.NewLine}error:{Environment.NewLine}{Error}";
}
