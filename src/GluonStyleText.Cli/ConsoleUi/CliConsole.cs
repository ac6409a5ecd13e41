namespace GluonStyleText.Cli.ConsoleUi;

/// <summary>
/// Where the program writes: results to <see cref="Out"/>; progress, logs and errors to
/// <see cref="Error"/>, so that results can be piped while progress stays on the screen.
/// </summary>
/// <param name="Out">Results: accuracy, predictions, where files went.</param>
/// <param name="Error">Progress, errors (and, through the console logger, logs).</param>
/// <param name="ErrorIsTerminal">
/// True when <see cref="Error"/> is an interactive terminal: progress is then one line redrawn with
/// <c>\r</c>; otherwise progress is written as plain lines now and then, readable in CI logs.
/// </param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool ErrorIsTerminal)
{
    /// <summary>The process's console.</summary>
    public static CliConsole System() => new(Console.Out, Console.Error, !Console.IsErrorRedirected);
}
