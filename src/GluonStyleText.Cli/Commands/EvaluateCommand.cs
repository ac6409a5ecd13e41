using System.CommandLine;
using System.Globalization;
using GluonStyleText.Cli.ConsoleUi;
using GluonStyleText.Data;
using GluonStyleText.Evaluation;
using GluonStyleText.Models;
using GluonStyleText.Prediction;
using GluonStyleText.Training;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Cli.Commands;

/// <summary><c>evaluate</c>: measures a model bundle on labeled texts and writes an evaluation report.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliConsole console, Option<bool> verbose, CommandProfile profile)
    {
        var model = CommonOptions.Model();
        var data = profile.EvaluationData();
        var textColumn = CommonOptions.TextColumn("the model's text_column");
        var labelColumn = CommonOptions.LabelColumn("the model's label_column");
        var report = new Option<string?>("--report") { Description = "Where to write the report (metrics.md, metrics.json, confusion-matrix.png). Default: <BUNDLE>-report beside the bundle.", HelpName = "DIR" };
        var device = CommonOptions.Device("auto");
        var threads = CommonOptions.Threads();

        var command = new Command("evaluate", profile.EvaluateDescription) { model };
        data.AddTo(command);
        foreach (var option in new Option[] { textColumn, labelColumn, report, device, threads })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, console, verbose, async (session, token) =>
        {
            var bundle = parseResult.GetRequiredValue(model);
            var testCsv = await data.ResolveAsync(parseResult, session, token).ConfigureAwait(false);
            using var classifier = LoadClassifier(session, bundle, parseResult.GetValue(device), parseResult.GetValue(threads));
            var csv = LabeledCsvOptions.From(classifier.Bundle.Options);
            csv.TextColumn = parseResult.GetValue(textColumn) ?? csv.TextColumn;
            csv.LabelColumn = parseResult.GetValue(labelColumn) ?? csv.LabelColumn;
            var reportDirectory = parseResult.GetValue(report) ?? DefaultReportDirectory(bundle);
            var (metrics, files) = Evaluate(session, classifier, testCsv, reportDirectory, training: null, csv, token);
            PrintSummary(session, metrics, classifier.Labels, testCsv, files, profile.Items);
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

    /// <summary>Evaluates on <paramref name="testCsv"/> with a progress line and writes the report; <paramref name="csvOptions"/> (columns, bad rows) null for the model's.</summary>
    public static (ClassificationMetrics Metrics, EvaluationReportFiles Files) Evaluate(
        CommandSession session, TextClassifier classifier, string testCsv, string reportDirectory, TrainingResult? training, LabeledCsvOptions? csvOptions, CancellationToken cancellationToken)
    {
        var logger = session.Loggers.CreateLogger(typeof(TextClassifierEvaluator).FullName!);
        var metrics = TextClassifierEvaluator.EvaluateCsv(classifier, testCsv, csvOptions, logger, StepProgress.Evaluation(session.Progress), cancellationToken);
        session.Progress.Complete();
        var files = EvaluationReport.Write(reportDirectory, metrics, classifier.Labels, training);
        return (metrics, files);
    }

    /// <summary>Prints the accuracy, a compact per-class table and where the report went; <paramref name="items"/> is what the texts are called, e.g. "texts".</summary>
    public static void PrintSummary(CommandSession session, ClassificationMetrics metrics, IReadOnlyList<string> labels, string testCsv, EvaluationReportFiles files, string items)
    {
        var invariant = CultureInfo.InvariantCulture;
        session.Say(string.Create(invariant, $"Accuracy on {Path.GetFileName(testCsv)}: {metrics.Accuracy:P2} of {metrics.Count:N0} {items} (mean loss {metrics.MeanLoss:0.0000}, macro F1 {metrics.MacroF1:0.0000})"));
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
        var name = full.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? full[..^4]
            : full.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) ? full[..^7]
            : full;
        return name + "-report";
    }
}
