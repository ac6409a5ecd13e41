using System.Diagnostics;

namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>Runs bash scripts of the repository the way a developer would, from the repository root.</summary>
internal static class BashRunner
{
    // Generous: a guard against a hung script, never a speed assertion.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs <c>bash</c> with the given arguments; <paramref name="pathPrefix"/> goes first on PATH
    /// and <paramref name="environment"/> is added to the inherited environment after the
    /// variables <paramref name="dropVariable"/> picks are removed. The working folder is the
    /// repository root unless given.
    /// </summary>
    public static ScriptResult Run(
        IEnumerable<string> arguments,
        string? pathPrefix = null,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        TimeSpan? timeout = null,
        Func<string, bool>? dropVariable = null)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(name => dropVariable?.Invoke(name) == true).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        if (pathPrefix is not null)
        {
            start.Environment["PATH"] = pathPrefix + Path.PathSeparator + start.Environment["PATH"];
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("bash could not be started.");
        process.StandardInput.Close();
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bash {string.Join(' ', arguments)} did not finish within {timeout ?? Timeout}.");
        }

        return new ScriptResult(process.ExitCode, standardOutput.GetAwaiter().GetResult(), standardError.GetAwaiter().GetResult());
    }

    public static ScriptResult Run(params string[] arguments) => Run((IEnumerable<string>)arguments);
}
