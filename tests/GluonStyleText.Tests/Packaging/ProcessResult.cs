namespace GluonStyleText.Tests.Packaging;

/// <summary>What a finished command printed and returned.</summary>
internal sealed record ProcessResult(string CommandLine, int ExitCode, string Output)
{
    /// <summary>Fails the test with the command and its whole output unless it exited with 0.</summary>
    public ProcessResult EnsureSuccess()
    {
        Assert.True(ExitCode == 0, $"'{CommandLine}' exited with {ExitCode}:{Environment.NewLine}{Output}");
        return this;
    }
}
