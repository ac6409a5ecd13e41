namespace GluonStyleText.Cli.ConsoleUi;

/// <summary>The program's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>Bad input, a missing file, a bad bundle or configuration, or another failure; the message says which.</summary>
    public const int Failure = 1;

    /// <summary>Cancelled with Ctrl+C (or SIGTERM), as shells report a process ended by SIGINT (128 + 2).</summary>
    public const int Cancelled = 130;
}
