using System.CommandLine;
using GluonStyleText.Models;

namespace GluonStyleText.Cli.ConsoleUi;

/// <summary>
/// Runs a command's body with a session and turns its outcome into an exit code: cancellation gives
/// 130 and a one-line notice; any failure gives 1 and one clear message (the stack trace too with
/// <c>--verbose</c>); a machine whose native kernels compute wrong numbers gives 3.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(
        ParseResult parseResult,
        CliConsole console,
        Option<bool> verboseOption,
        Func<CommandSession, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken)
    {
        var verbose = parseResult.GetValue(verboseOption);
        string? problem;
        int exitCode;
        var session = new CommandSession(console, verbose);
        try
        {
            return await body(session, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            session.Progress.Complete();
            (problem, exitCode) = ("Cancelled; nothing partial was left behind.", ExitCodes.Cancelled);
        }
        catch (NativeKernelCheckException exception)
        {
            session.Progress.Complete();
            (problem, exitCode) = (ErrorMessages.Describe(exception, verbose), ExitCodes.WrongNumbers);
        }
#pragma warning disable CA1031 // The program's last line of defence: every failure becomes a message and exit code 1.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            session.Progress.Complete();
            (problem, exitCode) = (ErrorMessages.Describe(exception, verbose), ExitCodes.Failure);
        }
        finally
        {
            // Flushes the queued log messages, so that the error below comes after them.
            session.Dispose();
        }

        await console.Error.WriteLineAsync(problem).ConfigureAwait(false);
        await console.Error.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return exitCode;
    }
}
