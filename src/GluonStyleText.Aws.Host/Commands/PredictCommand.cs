using System.CommandLine;
using System.Globalization;
using Amazon.S3;
using GluonStyleText.Aws.Host.Batch;
using GluonStyleText.Cli.Commands;
using GluonStyleText.Cli.ConsoleUi;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Aws.Host.Commands;

/// <summary>
/// <c>predict</c>: what the container runs as the AWS Batch job the Lambda submits
/// (<c>predict --bucket Ref::bucket --key Ref::key --etag Ref::etag</c>); model and results bucket come from the
/// job definition's environment (MODEL_URI, RESULTS_BUCKET).
/// </summary>
internal static class PredictCommand
{
    public static Command Create(CliConsole console, Option<bool> verbose)
    {
        var bucket = new Option<string>("--bucket") { Description = "Bucket of the uploaded CSV file.", HelpName = "BUCKET", Required = true };
        var key = new Option<string>("--key") { Description = "Key of the uploaded CSV file.", HelpName = "KEY", Required = true };
        var eTag = new Option<string>("--etag")
        {
            Description = $"ETag of the upload to classify (from the S3 event): fail rather than classify a newer object at KEY. '{BatchPredictionJobOptions.AnyETag}' or none: whatever KEY holds.",
            HelpName = "ETAG",
        };
        var command = new Command("predict", "Inside the Batch job: classify s3://BUCKET/KEY with the model at MODEL_URI into RESULTS_BUCKET.")
        {
            bucket, key, eTag,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, console, verbose, async (session, token) =>
        {
            var options = BatchPredictionJobOptions.FromEnvironment(parseResult.GetRequiredValue(bucket), parseResult.GetRequiredValue(key));
            options.InputETag = parseResult.GetValue(eTag);
            using var s3 = new AmazonS3Client();
            var progress = new Progress<BatchPredictionJobProgress>(value => session.Progress.Update(string.Create(
                CultureInfo.InvariantCulture, $"{value.Stage}  {value.Fraction * 100,5:0.0}%  {value.RowsDone:N0} rows")));
            var result = await BatchPredictionJob.RunAsync(options, s3, session.Loggers.CreateLogger(typeof(BatchPredictionJob)), progress, token).ConfigureAwait(false);
            session.Progress.Complete();
            session.Say($"Output: {result.Output} (manifest {result.ManifestLocation}){(result.Reused ? ", already complete from an earlier attempt" : "")}");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
