using GluonStyleText.Samples.ClaimsDesk.Jobs;
using GluonStyleText.Samples.ClaimsDesk.Models;
using GluonStyleText.Samples.ClaimsDesk.Storage;
using Microsoft.AspNetCore.Antiforgery;

namespace GluonStyleText.Samples.ClaimsDesk.Api;

/// <summary>
/// What the pages' script calls: uploads, starting and following runs, downloads. Every call that changes
/// something carries the page's antiforgery token in a header, checked here, because the uploads are read as a
/// stream (a form-bound token would make ASP.NET Core buffer the whole file first).
/// </summary>
internal static class DeskEndpoints
{
    public static void MapDeskEndpoints(this IEndpointRouteBuilder app)
    {
        var desk = app.MapGroup("/desk").ExcludeFromDescription();

        desk.MapPost("/uploads", async (HttpContext context, UploadReceiver receiver) =>
        {
            await ValidateAntiforgeryAsync(context);
            var (upload, _) = await receiver.ReceiveAsync(context.Request, context.RequestAborted);
            return TypedResults.Ok(new { upload.Id, upload.FileName, upload.Columns });
        });

        desk.MapPost("/batch", async (HttpContext context, StartRequest request, UploadRegistry uploads, BatchRunner runner) =>
        {
            await ValidateAntiforgeryAsync(context);
            var job = runner.Start(uploads.Get(request.UploadId), request.TextColumn);
            return TypedResults.Ok(new { JobId = job.Id, Next = $"/batch/{job.Id}" });
        });

        desk.MapPost("/train", async (HttpContext context, StartRequest request, UploadRegistry uploads, TrainingRunner runner) =>
        {
            await ValidateAntiforgeryAsync(context);
            var job = runner.Start(uploads.Get(request.UploadId), request.TextColumn, request.LabelColumn);
            return TypedResults.Ok(new { JobId = job.Id, Next = $"/train/{job.Id}" });
        });

        desk.MapGet("/jobs/{id}", (string id, JobRegistry jobs) => jobs.Find<DeskJob>(id) is { } job
            ? Results.Ok(new { State = job.State.ToString(), job.Fraction, job.Status, job.Error })
            : NotFound());

        desk.MapPost("/jobs/{id}/cancel", async (HttpContext context, string id, JobRegistry jobs) =>
        {
            await ValidateAntiforgeryAsync(context);
            if (jobs.Find<DeskJob>(id) is not { } job)
            {
                return NotFound();
            }

            job.Cancel();
            return Results.Accepted();
        });

        desk.MapGet("/batch/{id}/download", (string id, JobRegistry jobs) =>
            jobs.Find<BatchJob>(id) is { State: JobState.Completed, ResultsPath: { } path } job
                ? Results.File(path, "text/csv; charset=utf-8", job.DownloadName)
                : NotFound());

        desk.MapGet("/models/{name}/confusion-matrix.png", (string name, ModelCatalog catalog) =>
            catalog.Find(name) is { ReportFolder: { } report }
                ? Results.File(Path.Combine(report, GluonStyleText.Evaluation.EvaluationReport.ConfusionMatrixFileName), "image/png")
                : NotFound());
    }

    private static async Task ValidateAntiforgeryAsync(HttpContext context)
    {
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, "Page expired", "The page has expired; reload it and try again.");
        }
    }

    private static IResult NotFound() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No such run or file (the desk may have restarted).");

    /// <summary>Starts a run on an upload.</summary>
    internal sealed record StartRequest(string? UploadId, string? TextColumn, string? LabelColumn);
}
