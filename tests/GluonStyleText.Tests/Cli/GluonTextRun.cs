using GluonStyleText.Cli.ConsoleUi;

namespace GluonStyleText.Tests.Cli;

/// <summary>Runs the <c>gluontext</c> tool's entry point in-process with its output captured.</summary>
internal sealed record GluonTextRun(int ExitCode, string Out, string Error)
{
    /// <summary>A configuration small enough to train on <see cref="TinyClaimsData"/> in a second, and learn it.</summary>
    public const string TinyConfig = """
        {"num_epoch": 8, "seq_len": 16, "vocab_size": 200, "embed_size": 16, "kernel_sizes": [1, 2], "filters": 16,
         "batch_size": 16, "learning_rate": 0.02, "device": "cpu"}
        """;

    public static async Task<GluonTextRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await GluonStyleText.Cli.Program.RunAsync(args, new CliConsole(output, error, ErrorIsTerminal: false), CancellationToken.None);
        return new GluonTextRun(exitCode, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}out:{Environment.NewLine}{Out}{Environment.NewLine}error:{Environment.NewLine}{Error}";
}
