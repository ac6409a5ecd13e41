using System.CommandLine;
using System.Globalization;
using GluonStyleText.Evaluation;
using GluonStyleText.Samples.Imdb.ConsoleUi;
using GluonStyleText.Samples.Imdb.Training;
using GluonStyleText.Training;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Samples.Imdb.Commands;

/// <summary><c>train</c>: trains a classifier on the IMDB training reviews and writes a model bundle.</summary>
internal static class TrainCommand
{
    /// <summary>What to train on, how, and where the results go.</summary>
    internal sealed record Settings
    {
        public string? DataDirectory { get; init; }

        public string? TrainCsv { get; init; }

        public string? CacheDirectory { get; init; }

        public TrainingConfiguration Configuration { get; init; } = new();

        /// <summary>The bundle: a folder, or a file ending in .zip.</summary>
        public required string Output { get; init; }

        public string? CheckpointDirectory { get; init; }

        public string? ResumeFrom { get; init; }

        /// <summary>Where to write a report of the validation metrics and training curves; null for none.</summary>
        public string? ReportDirectory { get; init; }
    }

    public static Command Create(CliConsole console, Option<bool> verbose)
    {
        var data = CommonOptions.Data();
        var train = new Option<string?>("--train") { Description = "A labeled training CSV (columns sentiment, review), instead of --data.", HelpName = "FILE" };
        var preset = CommonOptions.Preset();
        var config = CommonOptions.Config();
        var embeddings = CommonOptions.Embeddings();
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the model bundle: a folder, or a .zip file. Default: ./models/imdb-<preset>.", HelpName = "BUNDLE" };
        var checkpoints = new Option<string?>("--checkpoints") { Description = "Write a checkpoint here after every epoch.", HelpName = "DIR" };
        var resume = new Option<string?>("--resume") { Description = "Continue from the checkpoint in this folder.", HelpName = "DIR" };
        var report = new Option<string?>("--report") { Description = "Also write a report of the validation metrics and training curves here.", HelpName = "DIR" };
        var threads = CommonOptions.Threads();
        var epochs = CommonOptions.Epochs();
        var device = CommonOptions.Device("the configuration's device (auto)");
        var cacheDirectory = CommonOptions.CacheDirectory();

        var command = new Command("train", "Train a sentiment classifier on IMDB reviews and write a model bundle.")
        {
            data, train, preset, config, embeddings, output, checkpoints, resume, report, threads, epochs, device, cacheDirectory,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(data) is not null && result.GetResult(train) is not null)
            {
                result.AddError("Give either --data or --train, not both.");
            }
        });
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, console, verbose, async (session, token) =>
        {
            var configuration = new TrainingConfiguration
            {
                Preset = parseResult.GetValue(preset) ?? TrainingPresets.Default,
                ConfigPath = parseResult.GetValue(config),
                EmbeddingsPath = parseResult.GetValue(embeddings),
                Epochs = parseResult.GetValue(epochs),
                Threads = parseResult.GetValue(threads),
                Device = parseResult.GetValue(device),
            };
            var settings = new Settings
            {
                DataDirectory = parseResult.GetValue(data),
                TrainCsv = parseResult.GetValue(train),
                CacheDirectory = parseResult.GetValue(cacheDirectory),
                Configuration = configuration,
                Output = parseResult.GetValue(output) ?? Path.Combine("models", $"imdb-{configuration.RunName}"),
                CheckpointDirectory = parseResult.GetValue(checkpoints),
                ResumeFrom = parseResult.GetValue(resume),
                ReportDirectory = parseResult.GetValue(report),
            };
            var result = await TrainAsync(session, settings, token).ConfigureAwait(false);
            PrintSummary(session, result);
            return result.Training.Cancelled ? ExitCodes.Cancelled : ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>Trains as <paramref name="settings"/> say and writes the bundle (also when cancelled: then with the best epoch so far).</summary>
    public static async Task<TextClassifierTrainingResult> TrainAsync(CommandSession session, Settings settings, CancellationToken cancellationToken)
    {
        var logger = session.Loggers.CreateLogger<TextClassifierTrainer>();
        var options = settings.Configuration.Build(logger);
        var trainCsv = settings.TrainCsv is { } file
            ? RequireFile(file, "--train")
            : (await ImdbData.GetAsync(session, settings.DataDirectory, settings.CacheDirectory, cancellationToken).ConfigureAwait(false)).TrainCsvPath;

        var bundle = Path.GetFullPath(settings.Output);
        var run = new TrainingRunOptions { CheckpointDirectory = settings.CheckpointDirectory, ResumeFrom = settings.ResumeFrom };
        var result = new TextClassifierTrainer(options, logger).TrainFromCsv(
            trainCsv, bundle, run, new TrainingProgressReporter(session.Progress), cancellationToken);
        session.Progress.Complete();

        if (settings.ReportDirectory is { } reportDirectory && result.ValidationMetrics is { } metrics)
        {
            var files = EvaluationReport.Write(reportDirectory, metrics, result.Labels.Labels, result.Training);
            session.Say($"Validation report: {files.MarkdownPath}");
        }

        return result;
    }

    /// <summary>Prints where the bundle went and how well it did on the validation texts.</summary>
    public static void PrintSummary(CommandSession session, TextClassifierTrainingResult result)
    {
        var training = result.Training;
        if (training.Cancelled)
        {
            // Cancelling before the first epoch ends throws instead, so a cancelled run always has a best epoch.
            session.Say("Training was cancelled; the bundle holds the best epoch completed so far.");
        }

        session.Say($"Model bundle: {result.BundlePath}");
        if (result.ValidationMetrics is { } metrics)
        {
            session.Say(string.Create(
                CultureInfo.InvariantCulture,
                $"Validation accuracy: {metrics.Accuracy:P2} on {metrics.Count:N0} held-out reviews (loss {metrics.MeanLoss:0.0000}; best epoch {training.BestEpoch} of {training.History.Count} completed, numbered from 0)"));
        }

        var coverage = result.EmbeddingCoverage is { } share
            ? string.Create(CultureInfo.InvariantCulture, $"; pretrained vectors found for {share:P1} of it")
            : "; embeddings initialised at random";
        session.Say(string.Create(CultureInfo.InvariantCulture, $"Vocabulary: {result.VocabularyCount:N0} entries{coverage}"));
        session.Say($"Training took {DurationText.Short(result.Elapsed)}");
    }

    internal static string RequireFile(string path, string option) => File.Exists(path)
        ? Path.GetFullPath(path)
        : throw new FileNotFoundException($"{option}: file not found: {Path.GetFullPath(path)}", path);
}
