using GluonStyleText.Prediction;
using GluonStyleText.Samples.ClaimsDesk.Hosting;
using GluonStyleText.Samples.ClaimsDesk.Models;
using GluonStyleText.Samples.ClaimsDesk.Storage;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Samples.ClaimsDesk.Api;

/// <summary>Classifies pasted texts with the active model, for the page and the API alike, with the same checks.</summary>
internal sealed class ClaimClassifier(ActiveModel model, IOptions<DeskOptions> options)
{
    public const int MaxTextLength = 100_000;

    /// <exception cref="UploadRejectedException">No model, an empty text, or one too long.</exception>
    public ClassifyResponse Classify(IReadOnlyList<string?> texts)
    {
        var (classifier, entry) = Active();
        Check(texts);
        var predictions = classifier.PredictBatch([.. texts.Select(text => text!)]);
        var threshold = options.Value.ReviewBelow;
        return new ClassifyResponse(entry.Name, [.. predictions.Select(prediction => new ClaimResult(
            prediction.Label,
            prediction.Probability,
            prediction.Probability < threshold,
            [.. prediction.TopK(3).Select(pair => new Candidate(pair.Label, pair.Probability))]))]);
    }

    /// <summary>Each word's part in the active model's answer, for highlighting; the text is checked as by <see cref="Classify"/> first.</summary>
    /// <exception cref="UploadRejectedException">No model, an empty text, or one too long.</exception>
    public Explanation Explain(string? text)
    {
        var (classifier, _) = Active();
        Check([text]);
        return classifier.Explain(text!);
    }

    // The same checks for the page and the API, before any forward pass.
    private static void Check(IReadOnlyList<string?> texts)
    {
        for (var i = 0; i < texts.Count; i++)
        {
            var which = texts.Count == 1 ? "The text" : $"Text {i + 1}";
            if (string.IsNullOrWhiteSpace(texts[i]))
            {
                throw UploadRejectedException.BadRequest("Empty text", $"{which} is empty; paste the claim's description.");
            }

            if (texts[i]!.Length > MaxTextLength)
            {
                throw UploadRejectedException.BadRequest("Text too long", $"{which} has {texts[i]!.Length:N0} characters, more than the maximum of {MaxTextLength:N0}.");
            }
        }
    }

    private (TextClassifier Classifier, ModelEntry Entry) Active() =>
        model.Classifier is { } classifier && model.Entry is { } entry
            ? (classifier, entry)
            : throw new UploadRejectedException(StatusCodes.Status503ServiceUnavailable, "No model", "There is no active model yet: train one, or start the desk with --model.");
}
