using GluonStyleText.Samples.ClaimsDesk.Jobs;
using GluonStyleText.Samples.ClaimsDesk.Models;
using GluonStyleText.Samples.ClaimsDesk.Storage;

namespace GluonStyleText.Samples.ClaimsDesk.Api;

/// <summary>The JSON API for other applications: <c>/api/classify</c>, <c>/api/classify/file</c>, <c>/api/models</c>.</summary>
internal static class ClassifyEndpoints
{
    public const int MaxTexts = 1000;

    public static void MapDeskApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Claims desk").DisableAntiforgery();

        api.MapPost("/classify", (ClassifyRequest? request, ClaimClassifier classifier) =>
        {
            var texts = request?.Texts ?? (request?.Text is null ? null : [request.Text]);
            if (texts is null || texts.Count == 0)
            {
                throw UploadRejectedException.BadRequest("No text", "Send {\"text\": \"...\"} or {\"texts\": [\"...\", ...]}.");
            }

            return texts.Count > MaxTexts
                ? throw UploadRejectedException.BadRequest("Too many texts", $"Send at most {MaxTexts} texts per call; use /api/classify/file for more.")
                : TypedResults.Ok(classifier.Classify(texts));
        })
        .WithName("Classify")
        .WithSummary("Classifies one claim text or many.")
        .Produces<ClassifyResponse>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/classify/file", async (HttpRequest request, UploadReceiver receiver, BatchRunner runner, CancellationToken cancellationToken) =>
        {
            var (upload, fields) = await receiver.ReceiveAsync(request, cancellationToken);
            var column = fields.GetValueOrDefault("textColumn") ?? request.Query["textColumn"].FirstOrDefault();
            // Excel-ready by default (the clerks open it there); format=plain gives programs the cells as they were.
            var format = fields.GetValueOrDefault("format") ?? request.Query["format"].FirstOrDefault();
            var (path, summary) = await runner.RunNowAsync(upload, column, !string.Equals(format, "plain", StringComparison.OrdinalIgnoreCase), cancellationToken);
            request.HttpContext.Response.Headers["X-Rows-Read"] = summary.RowsRead.ToString(System.Globalization.CultureInfo.InvariantCulture);
            request.HttpContext.Response.Headers["X-Rows-Rejected"] = summary.RowsRejected.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.PhysicalFile(path, "text/csv; charset=utf-8", Path.GetFileNameWithoutExtension(upload.FileName) + "_classified.csv");
        })
        .WithName("ClassifyFile")
        .WithSummary("Classifies a CSV file (multipart: 'file', and 'textColumn' as a field or query parameter); answers with the results CSV, every input column kept, ready for Excel ('format=plain': the cells as they were, without a byte order mark, for programs).")
        .Accepts<IFormFile>("multipart/form-data")
        .Produces(StatusCodes.Status200OK, contentType: "text/csv")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/models", (ModelCatalog catalog, ActiveModel active) =>
            TypedResults.Ok(catalog.All.Select(entry => new ModelInfo(entry.Name, entry.Created, entry.DataFile, entry.Accuracy, entry.Name == active.Entry?.Name)).ToList()))
        .WithName("Models")
        .WithSummary("Lists the models, newest first, and which one is active.");
    }
}
