namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>What a script printed and how it exited.</summary>
internal sealed record ScriptResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Both streams, for assertion messages.</summary>
    public override string ToString() =>
        $"exit code {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
