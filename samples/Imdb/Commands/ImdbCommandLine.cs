using System.CommandLine;
using GluonStyleText.Samples.Imdb.ConsoleUi;

namespace GluonStyleText.Samples.Imdb.Commands;

/// <summary>The program's commands and global options.</summary>
internal static class ImdbCommandLine
{
    public static RootCommand Create(CliConsole console)
    {
        var verbose = CommonOptions.Verbose();
        var root = new RootCommand("IMDB sentiment with GluonStyleText: train a CNN or BiLSTM classifier, evaluate it, classify reviews.")
        {
            verbose,
            TrainCommand.Create(console, verbose),
            EvaluateCommand.Create(console, verbose),
            PredictCommand.Create(console, verbose),
            DemoCommand.Create(console, verbose),
            Aws.PipelineCommand.Create(console, verbose),
            Aws.SageMakerTrainCommand.Create(console, verbose),
            Aws.UploadCommand.Create(console, verbose),
            Aws.ContainerTrainCommand.Create(console, verbose),
            Aws.ContainerPredictCommand.Create(console, verbose),
        };
        return root;
    }
}
