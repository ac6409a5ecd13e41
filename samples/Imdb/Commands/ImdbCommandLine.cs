using System.CommandLine;
using GluonStyleText.Cli.Commands;
using GluonStyleText.Cli.ConsoleUi;

namespace GluonStyleText.Samples.Imdb.Commands;

/// <summary>The program's commands and global options: gluontext's train, evaluate and predict with IMDB defaults, and the IMDB-only ones.</summary>
internal static class ImdbCommandLine
{
    /// <summary>The shared commands' IMDB settings: data in a folder or downloaded, review/sentiment columns, the sample's preset.</summary>
    public static CommandProfile Profile { get; } = new()
    {
        TrainDescription = "Train a sentiment classifier on IMDB reviews and write a model bundle.",
        EvaluateDescription = "Measure a model bundle on the IMDB test reviews and write an evaluation report.",
        PredictDescription = "Classify the reviews of a CSV file into a new CSV file, or one text with --text.",
        TrainingData = ImdbDataArguments.Training,
        EvaluationData = ImdbDataArguments.Evaluation,
        OutputHelp = "./models/imdb-<preset>",
        DefaultPreset = ImdbDefaults.Preset,
        DefaultTextColumn = ImdbDefaults.TextColumn,
        DefaultLabelColumn = ImdbDefaults.LabelColumn,
        Items = "reviews",
    };

    public static RootCommand Create(CliConsole console)
    {
        var verbose = CommonOptions.Verbose();
        var root = new RootCommand("IMDB sentiment with GluonStyleText: train a CNN or BiLSTM classifier, evaluate it, classify reviews.")
        {
            verbose,
            TrainCommand.Create(console, verbose, Profile),
            EvaluateCommand.Create(console, verbose, Profile),
            PredictCommand.Create(console, verbose, Profile),
            DemoCommand.Create(console, verbose),
            Aws.PipelineCommand.Create(console, verbose),
            Aws.SageMakerTrainCommand.Create(console, verbose),
            Aws.UploadCommand.Create(console, verbose),
        };
        return root;
    }
}
