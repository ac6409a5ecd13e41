using System.CommandLine;
using System.Globalization;
using GluonStyleText.Evaluation;
using GluonStyleText.Models;
using GluonStyleText.Prediction;
using GluonStyleText.Samples.Imdb.ConsoleUi;
using GluonStyleText.Training;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Samples.Imdb.Commands;

/// <summary><c>evaluate</c>: measures a model bundle on labeled reviews and writes an evaluation report.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliConsole console, Option<bool> verbose)
    {
        var model = CommonOptions.Model();
        var data = CommonOptions.Data();
        var test = new Option<string?>("--test") { Description = "A labeled test CSV (columns sentiment, review), instead of --data.", HelpName = "FILE" };
        var report = new Option<string?>("--report") { Description = "Where to write the report (metrics.md, metrics.json, confusion-matrix.png). Default: <BUNDLE>-report beside the bundle.", HelpName = "DIR" };
        var device = CommonOptions.Device("auto");
        var threads = CommonOptions.Threads();
        var cacheDirectory = CommonOptions.CacheDirectory();

        var command = new Command("evaluate", "Measure a model bundle on the IMDB test reviews and write an evaluation report.")
        {
            model, data, test, report, device, threads, cacheDirectory,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(data) is not null && result.GetResult(test) is not null)
            {
                result.AddError("Give either --data or --test, not both.");
            }
        });
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, console, verbose, async (session, token) =>
        {
            var bundle = parseResult.GetRequiredValue(model);
            var testCsv = parseResult.GetValue(test) is { } file
                ? TrainCommand.RequireFile(file, "--test")
                : (await ImdbData.GetAsync(session, parseResult.GetValue(data), parseResult.GetValue(cacheDirectory), token).ConfigureAwait(false)).TestCsvPath;
            using var classifier = LoadClassifier(session, bundle, parseResult.GetValue(device), parseResult.GetValue(threads));
            var reportDirectory = parseResult.GetValue(report) ?? DefaultReportDirectory(bundle);
            var (metrics, files) = Evaluate(session, classifier, testCsv, reportDirectory, training: null, token);
            PrintSummary(session, metrics, classifier.Labels, testCsv, files);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>Loads and verifies a bundle on <paramref name="device"/>, with <paramref name="threads"/> torch threads when given.</summary>
    public static TextClassifier LoadClassifier(CommandSession session, string bundlePath, string? device, int? threads)
    {
        if (threads is { } count)
        {
            TorchSharp.torch.set_num_threads(count);
        }

        var classifier = TextClassifier.Load(bundlePath, DeviceSelector.Resolve(device ?? "auto"));
        session.Loggers.CreateLogger(typeof(EvaluateCommand).FullName!).LogInformation(
            "Loaded model bundle {Path} ({Labels} labels, weights SHA-256 {Hash})", Path.GetFullPath(bundlePath), classifier.Labels.Count, classifier.Bundle.ModelHash[..12]);
        return classifier;
    }

    /// <summary>Evaluates on <paramref name="testCsv"/> with a progress line and writes the report.</summary>
    public static (ClassificationMetrics Metrics, EvaluationReportFiles Files) Evaluate(
        CommandSession session, TextClassifier classifier, string testCsv, string reportDirectory, TrainingResult? training, CancellationToken cancellationToken)
    {
        var logger = session.Loggers.CreateLogger(typeof(TextClassifierEvaluator).FullName!);
        var metrics = TextClassifierEvaluator.EvaluateCsv(classifier, testCsv, logger: logger, progress: StepProgress.Evaluation(session.Progress), cancellationToken: cancellationToken);
        session.Progress.Complete();
        var files = EvaluationReport.Write(reportDirectory, metrics, classifier.Labels, training);
        return (metrics, files);
    }

    /// <summary>Prints the accuracy, a compact per-class table and where the report went.</summary>
    public static void PrintSummary(CommandSession session, ClassificationMetrics metrics, IReadOnlyList<string> labels, string testCsv, EvaluationReportFiles files)
    {
        var invariant = CultureInfo.InvariantCulture;
        session.Say(string.Create(invariant, $"Accuracy on {Path.GetFileName(testCsv)}: {metrics.Accuracy:P2} of {metrics.Count:N0} reviews (mean loss {metrics.MeanLoss:0.0000}, macro F1 {metrics.MacroF1:0.0000})"));
        var width = Math.Max(5, labels.Max(label => label.Length));
        session.Say($"  {"label".PadRight(width)}  precision  recall      F1   support");
        foreach (var c in metrics.PerClass)
        {
            session.Say(string.Create(invariant, $"  {labels[c.ClassId].PadRight(width)}  {c.Precision,9:0.0000}  {c.Recall,6:0.0000}  {c.F1,6:0.0000}  {c.Support,8:N0}"));
        }

        session.Say($"Report: {files.MarkdownPath} (with {Path.GetFileName(files.MetricsJsonPath)} and {Path.GetFileName(files.ConfusionMatrixPath)})");
    }

    private static string DefaultReportDirectory(string bundle)
    {
        var full = Path.GetFullPath(bundle).TrimEnd(Path.DirectorySeparatorChar);
        var name = full.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? full[..^4] : full;
        return name + "-report";
    }
}
