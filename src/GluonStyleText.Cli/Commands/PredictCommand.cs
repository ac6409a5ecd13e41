using System.CommandLine;
using System.Globalization;
using GluonStyleText.Prediction;
using GluonStyleText.Cli.ConsoleUi;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Cli.Commands;

/// <summary><c>predict</c>: classifies a CSV file into a new CSV file, or one text given on the command line.</summary>
internal static class PredictCommand
{
    /// <summary>How many labels <c>--text</c> lists without <c>--top</c>: the answer and the runner-up.</summary>
    public const int DefaultTextTop = 2;

    /// <summary>How many words <c>--explain</c> lists: enough to see what drove the answer, short enough to read.</summary>
    public const int ExplainedWords = 15;

    public static Command Create(CliConsole console, Option<bool> verbose, CommandProfile profile)
    {
        var model = CommonOptions.Model();
        var input = new Option<string?>("--input", "-i") { Description = "CSV file of texts to classify (with a header).", HelpName = "FILE" };
        var output = new Option<string?>("--output", "-o") { Description = "CSV file to write: the input's columns plus prediction, probability and error.", HelpName = "FILE" };
        var text = new Option<string?>("--text", "-t") { Description = "Classify this one text and print the result, instead of --input.", HelpName = "TEXT" };
        var textColumn = new Option<string?>("--text-column") { Description = "The input column holding the texts. Default: the model's text_column.", HelpName = "NAME" };
        var classProbabilities = new Option<bool>("--class-probabilities") { Description = "Also write one probability_<label> column per class." };
        var top = CommonOptions.Positive(new Option<int?>("--top")
        {
            Description = $"How many of the most probable labels to give: with --input, K > 1 adds label_2, probability_2, ... label_K, probability_K columns (default 1); with --text, lists them (default {DefaultTextTop}).",
            HelpName = "K",
        });
        var reviewBelow = new Option<double?>("--review-below")
        {
            Description = "Add a needs_review column: true for rows whose most probable label has a probability under P (and rows that could not be classified), false for the others.",
            HelpName = "P",
        };
        reviewBelow.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !(value > 0 && value <= 1))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--review-below must be a probability above 0 and at most 1, got {value}."));
            }
        });
        var explain = new Option<bool>("--explain") { Description = $"With --text: also list the words that drove the answer, each with its contribution (how much the label's probability drops without the word), largest first (at most {ExplainedWords})." };
        var excel = new Option<bool>("--excel") { Description = "Write for Excel: UTF-8 with a byte order mark (so that Japanese and other non-ASCII text shows correctly), and cells starting with = + - @ prefixed with ' so that Excel does not run them as formulas." };
        var device = CommonOptions.Device("auto");
        var threads = CommonOptions.Threads();

        var command = new Command("predict", profile.PredictDescription)
        {
            model, input, output, text, textColumn, classProbabilities, top, reviewBelow, explain, excel, device, threads,
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
            else if (hasInput && result.GetValue(explain))
            {
                result.AddError("--explain works with --text \"...\" only.");
            }
        });
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, console, verbose, async (session, token) =>
        {
            using var classifier = EvaluateCommand.LoadClassifier(session, parseResult.GetRequiredValue(model), parseResult.GetValue(device), parseResult.GetValue(threads));
            if (parseResult.GetValue(text) is { } single)
            {
                var explanation = parseResult.GetValue(explain) ? classifier.Explain(single) : null;
                PrintPrediction(session, explanation?.Prediction ?? classifier.Predict(single), parseResult.GetValue(top) ?? DefaultTextTop, parseResult.GetValue(reviewBelow));
                if (explanation is not null)
                {
                    PrintExplanation(session, single, explanation);
                }

                return ExitCodes.Success;
            }

            var options = new CsvPredictionOptions
            {
                TextColumn = parseResult.GetValue(textColumn) ?? classifier.Bundle.Options.TextColumn,
                IncludeClassProbabilities = parseResult.GetValue(classProbabilities),
                TopK = parseResult.GetValue(top) ?? 1,
                ReviewBelow = parseResult.GetValue(reviewBelow),
                Excel = parseResult.GetValue(excel),
            };
            var summary = await PredictFileAsync(
                session, classifier, FileArguments.Require(parseResult.GetValue(input)!, "--input"), parseResult.GetValue(output)!, options, token).ConfigureAwait(false);
            PrintSummary(session, summary);
            summary.ThrowIfAnyNonFiniteOutput();
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

    private static void PrintPrediction(CommandSession session, GluonStyleText.Prediction.Prediction prediction, int top, double? reviewBelow)
    {
        var invariant = CultureInfo.InvariantCulture;
        session.Say(string.Create(invariant, $"Label: {prediction.Label} (probability {prediction.Probability:0.0000})"));
        if (reviewBelow is { } threshold)
        {
            session.Say(string.Create(invariant, $"Needs review: {(prediction.Probability < threshold ? "yes" : "no")} (threshold {threshold:0.####})"));
        }

        var best = prediction.TopK(top);
        var width = best.Max(pair => pair.Label.Length);
        session.Say($"Top {best.Count}:");
        foreach (var (label, probability) in best)
        {
            session.Say(string.Create(invariant, $"  {label.PadRight(width)}  {probability:0.0000}"));
        }
    }

    // Words as written in the text (not lowercased), so that the reader recognises them; the ones that
    // moved the answer most, either way, come first.
    private static void PrintExplanation(CommandSession session, string text, Explanation explanation)
    {
        var invariant = CultureInfo.InvariantCulture;
        var words = explanation.Words;
        session.Say(string.Create(invariant, $"Words that drove \"{explanation.Prediction.Label}\" (drop in its probability without the word; + supports it, - speaks against it):"));
        if (words.Count == 0)
        {
            session.Say("  (the text has no words)");
            return;
        }

        var shown = words.OrderByDescending(word => Math.Abs(word.Contribution)).ThenBy(word => word.Start).Take(ExplainedWords).ToList();
        var written = shown.Select(word => Shorten(text.Substring(word.Start, word.Length))).ToList();
        var width = written.Max(word => word.Length);
        for (var i = 0; i < shown.Count; i++)
        {
            session.Say(string.Create(invariant, $"  {written[i].PadRight(width)}  {shown[i].Contribution:+0.0000;-0.0000;0.0000}"));
        }

        if (words.Count > shown.Count)
        {
            session.Say(string.Create(invariant, $"  ... and {words.Count - shown.Count} more words with smaller contributions"));
        }
    }

    private static string Shorten(string word) => word.Length <= 30 ? word : string.Concat(word.AsSpan(0, 29), "…");
}
