using GluonStyleText.Options;

namespace GluonStyleText.Cli.Commands;

/// <summary>
/// What differs between the programs that share the <c>train</c>, <c>evaluate</c> and <c>predict</c>
/// commands: how the data is named, the defaults and the wording. <see cref="General"/> is the
/// <c>gluontext</c> tool's; the IMDB sample makes its own.
/// </summary>
internal sealed record CommandProfile
{
    /// <summary>The <c>gluontext</c> tool: <c>--data FILE</c>, the columns of the preset or <c>--config</c>, the <c>auto</c> preset.</summary>
    public static CommandProfile General { get; } = new()
    {
        TrainDescription = "Train a text classifier on a labeled CSV file and write a model bundle.",
        EvaluateDescription = "Measure a model bundle on a labeled CSV file and write an evaluation report.",
        PredictDescription = "Classify the texts of a CSV file into a new CSV file, or one text with --text.",
        TrainingData = () => DataArguments.CsvFile("The labeled training CSV file (with a header; see --text-column and --label-column)."),
        EvaluationData = () => DataArguments.CsvFile("The labeled CSV file to measure on, with the columns the model was trained on (or --text-column, --label-column)."),
        OutputHelp = "<data file name>-model.zip in the current folder",
    };

    public required string TrainDescription { get; init; }

    public required string EvaluateDescription { get; init; }

    public required string PredictDescription { get; init; }

    /// <summary>Makes the options that name the training data (a new set for each command).</summary>
    public required Func<DataArguments> TrainingData { get; init; }

    /// <summary>Makes the options that name the labeled data <c>evaluate</c> measures on.</summary>
    public required Func<DataArguments> EvaluationData { get; init; }

    /// <summary>Where <c>train</c> writes the bundle without <c>--output</c>, for the help text.</summary>
    public required string OutputHelp { get; init; }

    /// <summary>The preset <c>train</c> uses when neither <c>--preset</c> nor <c>--config</c> is given.</summary>
    public string DefaultPreset { get; init; } = TextClassifierPresets.Default;

    /// <summary>The training text column when <c>--text-column</c> is not given; null keeps the preset's or <c>--config</c> file's.</summary>
    public string? DefaultTextColumn { get; init; }

    /// <summary>The training label column when <c>--label-column</c> is not given; null keeps the preset's or <c>--config</c> file's.</summary>
    public string? DefaultLabelColumn { get; init; }

    /// <summary>What the rows are called in summaries, e.g. "texts" or "reviews".</summary>
    public string Items { get; init; } = "texts";
}
