using System.CommandLine;
using GluonStyleText.Cli.ConsoleUi;

namespace GluonStyleText.Cli.Commands;

/// <summary>The <c>gluontext</c> tool's commands and global options.</summary>
internal static class GluonTextCommandLine
{
    public static RootCommand Create(CliConsole console)
    {
        var verbose = CommonOptions.Verbose();
        var profile = CommandProfile.General;
        return new RootCommand("gluontext: train a text classifier on a labeled CSV file, evaluate it, classify new texts, check the machine.")
        {
            verbose,
            TrainCommand.Create(console, verbose, profile),
            EvaluateCommand.Create(console, verbose, profile),
            PredictCommand.Create(console, verbose, profile),
            DoctorCommand.Create(console, verbose),
        };
    }
}
