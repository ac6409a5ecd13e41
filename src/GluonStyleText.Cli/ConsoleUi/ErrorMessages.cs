using GluonStyleText.Bundles;
using GluonStyleText.Data;
using GluonStyleText.Embeddings;
using GluonStyleText.Models;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Cli.ConsoleUi;

/// <summary>Turns an exception into what the user reads.</summary>
internal static class ErrorMessages
{
    /// <summary>
    /// One line for problems with the input (bad CSV, bundle, configuration, vectors, missing files),
    /// whose messages already name the file, line and field; other failures say they are unexpected.
    /// With <paramref name="verbose"/>, the full exception with its stack trace follows.
    /// </summary>
    public static string Describe(Exception exception, bool verbose)
    {
        var message = exception switch
        {
            OptionsValidationException options => $"error: invalid configuration: {string.Join("; ", options.Failures)}",
            _ when IsUserProblem(exception) => $"error: {exception.Message}",
            _ => $"error: unexpected {exception.GetType().Name}: {exception.Message}",
        };
        return verbose
            ? message + Environment.NewLine + exception
            : message + (IsUserProblem(exception) ? "" : " (run with --verbose for the stack trace)");
    }

    private static bool IsUserProblem(Exception exception) => exception is
        CommandFailure or DataFormatException or BundleFormatException or OptionsValidationException or NonFiniteNumbersException
        or EmbeddingFormatException or LabelMapFormatException or FileNotFoundException
        or DirectoryNotFoundException or InvalidDataException or UnauthorizedAccessException
        or ArgumentException or FormatException or HttpRequestException or IOException
        or NativeKernelCheckException or InsufficientMemoryException;
}
