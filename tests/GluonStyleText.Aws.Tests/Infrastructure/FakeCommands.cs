namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>
/// A temporary folder of stand-in commands to put first on PATH, so a script's calls to real
/// tools (aws, docker, dotnet...) can be observed without running them.
/// </summary>
internal sealed class FakeCommands : IDisposable
{
    private readonly DirectoryInfo _directory = System.IO.Directory.CreateTempSubdirectory("gluonstyletext-fake-commands-");

    /// <summary>The folder to put first on PATH.</summary>
    public string FolderPath => _directory.FullName;

    /// <summary>Every recorded call, one line each: the command name, then its arguments one per line indented.</summary>
    public string CallLog => Path.Combine(FolderPath, "calls.log");

    /// <summary>Adds a command that records its call in <see cref="CallLog"/> and runs <paramref name="body"/>.</summary>
    public void Add(string name, string body = "exit 0")
    {
        var path = Path.Combine(FolderPath, name);

        // The two sides of a pipe (aws ... | docker login) run at once, and bash's printf may write one
        // record in pieces, so each record is appended under a lock or their arguments interleave.
        File.WriteAllText(
            path,
            $"#!/usr/bin/env bash\ncall=\"{name}\"; for a in \"$@\"; do call+=$'\\n'\"  $a\"; done; {{ flock 9; printf '%s\\n' \"$call\" >> \"{CallLog}\"; }} 9>> \"{CallLog}.lock\"\n{body}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The names of the commands called, in order.</summary>
    public IReadOnlyList<string> CalledCommands() => Calls().Select(call => call[0]).ToList();

    /// <summary>Every call in order, each as the command name followed by its arguments.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Calls()
    {
        var calls = new List<List<string>>();
        foreach (var line in File.Exists(CallLog) ? File.ReadAllLines(CallLog) : [])
        {
            if (line.StartsWith("  ", StringComparison.Ordinal))
            {
                calls[^1].Add(line[2..]);
            }
            else
            {
                calls.Add([line]);
            }
        }

        return calls;
    }

    /// <summary>Every call as one line, the command and its arguments joined by spaces, for substring assertions.</summary>
    public IReadOnlyList<string> CallLines() => Calls().Select(call => string.Join(' ', call)).ToList();

    public void Dispose() => _directory.Delete(recursive: true);
}
