using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GluonStyleText.Cli.Commands;
using GluonStyleText.Cli.ConsoleUi;
using GluonStyleText.Cli.Training;
using GluonStyleText.Prediction;
using GluonStyleText.Training;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Samples.Imdb.Commands;

/// <summary>
/// <c>demo</c>: the whole pipeline in one command: get the data, train, evaluate on the test reviews,
/// and classify them into a predictions CSV, then say how well it did, how long each step took and
/// where everything went.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The default output folder.</summary>
    public const string DefaultOutput = "imdb-demo";

    public static Command Create(CliConsole console, Option<bool> verbose)
    {
        var data = ImdbDataArguments.Data();
        var embeddings = CommonOptions.Embeddings();
        var preset = CommonOptions.Preset(ImdbDefaults.Preset);
        var config = CommonOptions.Config();
        var output = new Option<string?>("--output", "-o") { Description = $"Folder for the model, report and predictions. Default: ./{DefaultOutput}.", HelpName = "DIR" };
        var epochs = CommonOptions.Epochs();
        var threads = CommonOptions.Threads();
        var device = CommonOptions.Device("the configuration's device (auto)");
        var cacheDirectory = ImdbDataArguments.CacheDirectory();

        var command = new Command("demo", "Train on the IMDB training reviews, evaluate on the test reviews and classify them into a CSV, in one go.")
        {
            data, embeddings, preset, config, output, epochs, threads, device, cacheDirectory,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, console, verbose, (session, token) =>
        {
            var configuration = new TrainingConfiguration
            {
                Preset = parseResult.GetValue(preset) ?? ImdbDefaults.Preset,
                ConfigPath = parseResult.GetValue(config),
                EmbeddingsPath = parseResult.GetValue(embeddings),
                Epochs = parseResult.GetValue(epochs),
                Threads = parseResult.GetValue(threads),
                Device = parseResult.GetValue(device),
                TextColumn = ImdbDefaults.TextColumn,
                LabelColumn = ImdbDefaults.LabelColumn,
            };
            return RunAsync(session, parseResult.GetValue(data), parseResult.GetValue(cacheDirectory), configuration, parseResult.GetValue(output) ?? DefaultOutput, token);
        }, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        CommandSession session, string? dataDirectory, string? cacheDirectory, TrainingConfiguration configuration, string outputDirectory, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var options = configuration.Build(session.Loggers.CreateLogger<TextClassifierTrainer>());
        var folder = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(folder);

        var step = Stopwatch.StartNew();
        var files = await ImdbData.GetAsync(session, dataDirectory, cacheDirectory, cancellationToken).ConfigureAwait(false);
        var dataTime = step.Elapsed;

        step.Restart();
        var trained = TrainCommand.Train(session, options, new TrainCommand.Settings
        {
            TrainCsv = files.TrainCsvPath,
            Output = Path.Combine(folder, "model"),
        }, cancellationToken);
        var trainingTime = step.Elapsed;
        TrainCommand.PrintSummary(session, trained, ImdbCommandLine.Profile.Items);
        if (trained.Training.Cancelled)
        {
            return ExitCodes.Cancelled;
        }

        step.Restart();
        using var classifier = EvaluateCommand.LoadClassifier(session, trained.BundlePath, device: null, threads: null);
        var (metrics, report) = EvaluateCommand.Evaluate(session, classifier, files.TestCsvPath, Path.Combine(folder, "report"), trained.Training, csvOptions: null, cancellationToken);
        var evaluationTime = step.Elapsed;
        EvaluateCommand.PrintSummary(session, metrics, classifier.Labels, files.TestCsvPath, report, ImdbCommandLine.Profile.Items);

        step.Restart();
        var predictions = await PredictCommand.PredictFileAsync(
            session, classifier, files.TestCsvPath, Path.Combine(folder, "predictions.csv"), new CsvPredictionOptions { TextColumn = classifier.Bundle.Options.TextColumn }, cancellationToken).ConfigureAwait(false);
        var predictionTime = step.Elapsed;
        PredictCommand.PrintSummary(session, predictions);

        var invariant = CultureInfo.InvariantCulture;
        session.Say("");
        session.Say($"IMDB demo done in {DurationText.Short(total.Elapsed)}");
        session.Say(string.Create(invariant, $"  Test accuracy:  {metrics.Accuracy:P2} on {metrics.Count:N0} reviews (macro F1 {metrics.MacroF1:0.0000}, mean loss {metrics.MeanLoss:0.0000})"));
        session.Say($"  Timings:        data {DurationText.Short(dataTime)}, training {DurationText.Short(trainingTime)}, evaluation {DurationText.Short(evaluationTime)}, prediction {DurationText.Short(predictionTime)}");
        session.Say($"  Model bundle:   {trained.BundlePath}");
        session.Say($"  Report:         {report.MarkdownPath}");
        session.Say($"  Predictions:    {predictions.OutputPath}");
        return ExitCodes.Success;
    }
}
