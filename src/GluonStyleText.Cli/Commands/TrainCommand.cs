using System.CommandLine;
using System.Globalization;
using GluonStyleText.Cli.ConsoleUi;
using GluonStyleText.Cli.Training;
using GluonStyleText.Evaluation;
using GluonStyleText.Options;
using GluonStyleText.Training;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Cli.Commands;

/// <summary><c>train</c>: trains a classifier on a labeled CSV file and writes a model bundle.</summary>
internal static class TrainCommand
{
    /// <summary>What to train on and where the results go.</summary>
    internal sealed record Settings
    {
        /// <summary>The labeled training CSV file.</summary>
        public required string TrainCsv { get; init; }

        /// <summary>The bundle: a folder, or a file ending in .zip.</summary>
        public required string Output { get; init; }

        public string? CheckpointDirectory { get; init; }

        public string? ResumeFrom { get; init; }

        /// <summary>Where to write a report of the validation metrics and training curves; null for none.</summary>
        public string? ReportDirectory { get; init; }
    }

    public static Command Create(CliConsole console, Option<bool> verbose, CommandProfile profile)
    {
        var data = profile.TrainingData();
        var textColumn = CommonOptions.TextColumn(profile.DefaultTextColumn ?? "the configuration's text_column");
        var labelColumn = CommonOptions.LabelColumn(profile.DefaultLabelColumn ?? "the configuration's label_column");
        var classes = CommonOptions.NumberOfClasses();
        var badRows = CommonOptions.BadRows();
        var maxRejectRatio = CommonOptions.MaxRejectRatio();
        var classWeights = CommonOptions.ClassWeights();
        var preset = CommonOptions.Preset(profile.DefaultPreset);
        var config = CommonOptions.Config();
        var embeddings = CommonOptions.Embeddings();
        var epochs = CommonOptions.Epochs();
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var device = CommonOptions.Device("the configuration's device (auto)");
        var output = new Option<string?>("--output", "-o") { Description = $"Where to write the model bundle: a folder, or a .zip file. Default: {profile.OutputHelp}.", HelpName = "BUNDLE" };
        var checkpoints = new Option<string?>("--checkpoints") { Description = "Write a checkpoint here after every epoch.", HelpName = "DIR" };
        var resume = new Option<string?>("--resume") { Description = "Continue from the checkpoint in this folder.", HelpName = "DIR" };
        var report = new Option<string?>("--report") { Description = "Also write a report of the validation metrics and training curves here.", HelpName = "DIR" };

        var command = new Command("train", profile.TrainDescription);
        data.AddTo(command);
        foreach (var option in new Option[] { textColumn, labelColumn, classes, badRows, maxRejectRatio, classWeights, preset, config, embeddings, epochs, seed, threads, device, output, checkpoints, resume, report })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, console, verbose, async (session, token) =>
        {
            var configuration = new TrainingConfiguration
            {
                Preset = parseResult.GetValue(preset) ?? profile.DefaultPreset,
                ConfigPath = parseResult.GetValue(config),
                EmbeddingsPath = parseResult.GetValue(embeddings),
                Epochs = parseResult.GetValue(epochs),
                Seed = parseResult.GetValue(seed),
                Threads = parseResult.GetValue(threads),
                Device = parseResult.GetValue(device),
                TextColumn = parseResult.GetValue(textColumn) ?? profile.DefaultTextColumn,
                LabelColumn = parseResult.GetValue(labelColumn) ?? profile.DefaultLabelColumn,
                NumberOfClasses = parseResult.GetValue(classes),
                BadRows = parseResult.GetValue(badRows),
                MaxRejectRatio = parseResult.GetValue(maxRejectRatio),
                ClassWeights = parseResult.GetValue(classWeights),
            };

            // The configuration is checked before the data is looked for, which may mean a download.
            var options = configuration.Build(session.Loggers.CreateLogger<TextClassifierTrainer>());
            var settings = new Settings
            {
                TrainCsv = await data.ResolveAsync(parseResult, session, token).ConfigureAwait(false),
                Output = parseResult.GetValue(output) ?? data.DefaultBundle(parseResult, configuration),
                CheckpointDirectory = parseResult.GetValue(checkpoints),
                ResumeFrom = parseResult.GetValue(resume),
                ReportDirectory = parseResult.GetValue(report),
            };
            var result = Train(session, options, settings, token);
            PrintSummary(session, result, profile.Items);
            return result.Training.Cancelled ? ExitCodes.Cancelled : ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>Trains with <paramref name="options"/> as <paramref name="settings"/> say and writes the bundle (also when cancelled: then with the best epoch so far).</summary>
    public static TextClassifierTrainingResult Train(CommandSession session, TextClassifierOptions options, Settings settings, CancellationToken cancellationToken)
    {
        var logger = session.Loggers.CreateLogger<TextClassifierTrainer>();
        var bundle = Path.GetFullPath(settings.Output);
        var run = new TrainingRunOptions { CheckpointDirectory = settings.CheckpointDirectory, ResumeFrom = settings.ResumeFrom };
        var result = new TextClassifierTrainer(options, logger).TrainFromCsv(
            settings.TrainCsv, bundle, run, new TrainingProgressReporter(session.Progress), cancellationToken);
        session.Progress.Complete();

        if (settings.ReportDirectory is { } reportDirectory && result.ValidationMetrics is { } metrics)
        {
            var files = EvaluationReport.Write(reportDirectory, metrics, result.Labels.Labels, result.Training);
            session.Say($"Validation report: {files.MarkdownPath}");
        }

        return result;
    }

    /// <summary>Prints where the bundle went, the labels, and how well it did on the validation texts; <paramref name="items"/> is what the texts are called, e.g. "texts".</summary>
    public static void PrintSummary(CommandSession session, TextClassifierTrainingResult result, string items)
    {
        var training = result.Training;
        if (training.Cancelled)
        {
            // Cancelling before the first epoch ends throws instead, so a cancelled run always has a best epoch.
            session.Say("Training was cancelled; the bundle holds the best epoch completed so far.");
        }

        if (result.RowsRead is { } rowsRead)
        {
            var rejects = result.RowsRejected > 0 && result.RejectsPath is { } path ? $" (rejects: {path})" : "";
            session.Say(string.Create(CultureInfo.InvariantCulture, $"Rows: {rowsRead:N0} read = {result.RowsAccepted:N0} accepted + {result.RowsRejected:N0} rejected{rejects}"));
        }

        session.Say($"Model bundle: {result.BundlePath}");
        var labels = result.Labels.Labels;
        session.Say($"Labels: {labels.Count} ({string.Join(", ", labels.Take(20))}{(labels.Count > 20 ? ", ..." : "")})");
        if (result.ValidationMetrics is { } metrics)
        {
            session.Say(string.Create(
                CultureInfo.InvariantCulture,
                $"Validation accuracy: {metrics.Accuracy:P2} on {metrics.Count:N0} held-out {items} (loss {metrics.MeanLoss:0.0000}; best epoch {training.BestEpoch} of {training.History.Count} completed, numbered from 0)"));
        }

        var coverage = result.EmbeddingCoverage is { } share
            ? string.Create(CultureInfo.InvariantCulture, $"; pretrained vectors found for {share:P1} of it")
            : "; embeddings initialised at random";
        session.Say(string.Create(CultureInfo.InvariantCulture, $"Vocabulary: {result.VocabularyCount:N0} entries{coverage}"));
        session.Say($"Training took {DurationText.Short(result.Elapsed)}");
    }
}
