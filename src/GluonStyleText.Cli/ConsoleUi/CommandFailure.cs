namespace GluonStyleText.Cli.ConsoleUi;

/// <summary>
/// A problem the user can fix, found by the program itself (e.g. conflicting options): reported as its
/// message alone, like the library's format exceptions.
/// </summary>
internal sealed class CommandFailure(string message) : Exception(message);
