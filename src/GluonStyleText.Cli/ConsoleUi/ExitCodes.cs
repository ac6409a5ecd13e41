namespace GluonStyleText.Cli.ConsoleUi;

/// <summary>The program's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>Bad input, a missing file, a bad bundle or configuration, or another failure; the message says which.</summary>
    public const int Failure = 1;

    /// <summary>
    /// This machine's native kernels compute the models' numbers wrong (<c>doctor</c>, or the same check at the start of
    /// <c>train</c>): not a problem of the input, so not <see cref="Failure"/>; another machine type is the remedy.
    /// </summary>
    public const int WrongNumbers = 3;

    /// <summary>Cancelled with Ctrl+C (or SIGTERM), as shells report a process ended by SIGINT (128 + 2).</summary>
    public const int Cancelled = 130;
}
