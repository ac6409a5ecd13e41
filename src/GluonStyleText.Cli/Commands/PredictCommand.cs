using System.CommandLine;
using System.Globalization;
using GluonStyleText.Prediction;
using GluonStyleText.Cli.ConsoleUi;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Cli.Commands;

/// <summary><c>predict</c>: classifies a CSV file into a new CSV file, or one text given on the command line.</summary>
internal static class PredictCommand
{
    public static Command Create(CliConsole console, Option<bool> verbose, CommandProfile profile)
    {
        var model = CommonOptions.Model();
        var input = new Option<string?>("--input", "-i") { Description = "CSV file of texts to classify (with a header).", HelpName = "FILE" };
        var output = new Option<string?>("--output", "-o") { Description = "CSV file to write: the input's columns plus prediction, probability and error.", HelpName = "FILE" };
        var text = new Option<string?>("--text", "-t") { Description = "Classify this one text and print the result, instead of --input.", HelpName = "TEXT" };
        var textColumn = new Option<string?>("--text-column") { Description = "The input column holding the texts. Default: the model's text_column.", HelpName = "NAME" };
        var classProbabilities = new Option<bool>("--class-probabilities") { Description = "Also write one probability_<label> column per class." };
        var top = CommonOptions.Positive(new Option<int>("--top") { Description = "With --text: how many of the most probable labels to list.", HelpName = "K", DefaultValueFactory = _ => 2 });
        var device = CommonOptions.Device("auto");
        var threads = CommonOptions.Threads();

        var command = new Command("predict", profile.PredictDescription)
        {
            model, input, output, text, textColumn, classProbabilities, top, device, threads,
        };
        command.Validators.Add(result =>
        {
            var hasInput = result.GetResult(input) is not null;
            var hasText = result.GetResult(text) is not null;
            if (hasInput == hasText)
            {
                result.AddError("Give either --input FILE --output FILE, or --text \"...\".");
            }
            else if (hasInput && result.GetResult(output) is null)
            {
                result.AddError("--input needs --output FILE: where to write the predictions.");
            }
        });
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, console, verbose, async (session, token) =>
        {
            using var classifier = EvaluateCommand.LoadClassifier(session, parseResult.GetRequiredValue(model), parseResult.GetValue(device), parseResult.GetValue(threads));
            if (parseResult.GetValue(text) is { } single)
            {
                PrintPrediction(session, classifier.Predict(single), parseResult.GetValue(top));
                return ExitCodes.Success;
            }

            var options = new CsvPredictionOptions
            {
                TextColumn = parseResult.GetValue(textColumn) ?? classifier.Bundle.Options.TextColumn,
                IncludeClassProbabilities = parseResult.GetValue(classProbabilities),
            };
            var summary = await PredictFileAsync(
                session, classifier, FileArguments.Require(parseResult.GetValue(input)!, "--input"), parseResult.GetValue(output)!, options, token).ConfigureAwait(false);
            PrintSummary(session, summary);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>Classifies <paramref name="input"/> into <paramref name="output"/> with a progress line; on cancellation no output is left.</summary>
    public static async Task<CsvPredictionSummary> PredictFileAsync(
        CommandSession session, TextClassifier classifier, string input, string output, CsvPredictionOptions options, CancellationToken cancellationToken)
    {
        var predictor = new CsvBatchPredictor(classifier, options, session.Loggers.CreateLogger<CsvBatchPredictor>());
        var summary = await predictor.PredictFileAsync(input, output, StepProgress.Prediction(session.Progress), cancellationToken).ConfigureAwait(false);
        session.Progress.Complete();
        return summary;
    }

    public static void PrintSummary(CommandSession session, CsvPredictionSummary summary)
    {
        var rate = summary.RowsRead / Math.Max(1e-9, summary.Elapsed.TotalSeconds);
        session.Say(string.Create(
            CultureInfo.InvariantCulture,
            $"Predictions: {summary.OutputPath} ({summary.RowsRead:N0} rows: {summary.RowsPredicted:N0} classified, {summary.RowsRejected:N0} with an error; {DurationText.Short(summary.Elapsed)}, {rate:N0} rows/s)"));
    }

    private static void PrintPrediction(CommandSession session, GluonStyleText.Prediction.Prediction prediction, int top)
    {
        var invariant = CultureInfo.InvariantCulture;
        session.Say(string.Create(invariant, $"Label: {prediction.Label} (probability {prediction.Probability:0.0000})"));
        var best = prediction.TopK(top);
        var width = best.Max(pair => pair.Label.Length);
        session.Say($"Top {best.Count}:");
        foreach (var (label, probability) in best)
        {
            session.Say(string.Create(invariant, $"  {label.PadRight(width)}  {probability:0.0000}"));
        }
    }
}
