using Microsoft.Extensions.Logging;

namespace GluonStyleText.Cli.ConsoleUi;

/// <summary>What a running command writes to: the console, the progress line and the loggers.</summary>
internal sealed class CommandSession : IDisposable
{
    public CommandSession(CliConsole console, bool verbose, TimeProvider? time = null)
    {
        Console = console;
        Verbose = verbose;
        Progress = new ProgressLine(console.Error, console.ErrorIsTerminal, time);
        Loggers = CliLogging.Create(verbose, Progress, colors: console.ErrorIsTerminal);
    }

    public CliConsole Console { get; }

    public bool Verbose { get; }

    /// <summary>The one progress line of the command; each step completes it before the next starts.</summary>
    public ProgressLine Progress { get; }

    public ILoggerFactory Loggers { get; }

    /// <summary>Writes a result line to standard output.</summary>
    public void Say(string line)
    {
        Progress.Interrupt();
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }

    /// <summary>Flushes the loggers' queue.</summary>
    public void Dispose() => Loggers.Dispose();
}
