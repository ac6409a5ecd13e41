using GluonStyleText.Cli.ConsoleUi;

namespace GluonStyleText.Aws.Tests.Host;

/// <summary>The container host's command line (src/GluonStyleText.Aws.Host), run in-process.</summary>
public sealed class HostCommandLineTests
{
    [Fact]
    public async Task Help_lists_train_and_predict()
    {
        var (exitCode, output, _) = await RunAsync("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("train", output, StringComparison.Ordinal);
        Assert.Contains("predict", output, StringComparison.Ordinal);
        Assert.Contains("--verbose", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("train", "--opt-ml <DIR>", "/opt/ml")]
    [InlineData("predict", "--bucket <BUCKET> (REQUIRED)", "--key <KEY> (REQUIRED)", "--etag <ETAG>")]
    public async Task Each_command_describes_its_options(string command, params string[] expected)
    {
        var (exitCode, output, _) = await RunAsync(command, "--help");

        Assert.Equal(0, exitCode);
        Assert.All(expected, text => Assert.Contains(text, output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Predict_without_its_bucket_fails_with_the_option_named()
    {
        var (exitCode, _, error) = await RunAsync("predict", "--key", "claims.csv");

        Assert.Equal(1, exitCode);
        Assert.Contains("Option '--bucket' is required.", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await GluonStyleText.Aws.Host.Program.RunAsync(args, new CliConsole(output, error, ErrorIsTerminal: false), CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }
}
