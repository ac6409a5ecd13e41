using System.CommandLine;
using Amazon.S3;
using GluonStyleText.Aws.Batch;
using GluonStyleText.Aws.Host.Batch;
using GluonStyleText.Cli.Commands;
using GluonStyleText.Cli.ConsoleUi;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Aws.Host.Commands;

/// <summary>
/// <c>plan</c>, <c>predict-shard</c> and <c>assemble</c>: the steps of a sharded prediction, as the shard job definition runs
/// them (<c>Ref::step --bucket Ref::bucket --key Ref::key --etag Ref::etag --run Ref::run --shards Ref::shards --attempts Ref::attempts</c>).
/// </summary>
internal static class ShardCommands
{
    public static IEnumerable<Command> Create(CliConsole console, Option<bool> verbose)
    {
        yield return Create(console, verbose, ShardedJobSteps.Plan, "Inside the Batch plan job: scan s3://BUCKET/KEY once and write its shard plan.",
            (options, s3, logger, token) => ShardedPredictionJob.PlanAsync(options, s3, logger, token));
        yield return Create(console, verbose, ShardedJobSteps.PredictShard, "Inside an array child: classify the shard of AWS_BATCH_JOB_ARRAY_INDEX.",
            (options, s3, logger, token) => ShardedPredictionJob.PredictShardAsync(options, s3, logger, null, token));
        yield return Create(console, verbose, ShardedJobSteps.Assemble, "Inside the assemble job: join the shards' outputs into the output and write the manifest.",
            (options, s3, logger, token) => ShardedPredictionJob.AssembleAsync(options, s3, logger, token));
    }

    private static Command Create(CliConsole console, Option<bool> verbose, string name, string description, Func<ShardedPredictionOptions, IAmazonS3, ILogger, CancellationToken, Task> step)
    {
        var bucket = new Option<string>("--bucket") { Description = "Bucket of the uploaded CSV file.", HelpName = "BUCKET", Required = true };
        var key = new Option<string>("--key") { Description = "Key of the uploaded CSV file.", HelpName = "KEY", Required = true };
        var eTag = new Option<string>("--etag") { Description = "ETag of the upload to classify (from the S3 event).", HelpName = "ETAG" };
        var run = new Option<string>("--run") { Description = "The run whose work files to use (from the Lambda).", HelpName = "RUN", Required = true };
        var shards = new Option<int>("--shards") { Description = "The array job's size.", HelpName = "N", Required = true };
        var attempts = new Option<int>("--attempts") { Description = "The retry strategy's attempts.", HelpName = "N", DefaultValueFactory = _ => 1 };
        var command = new Command(name, description) { bucket, key, eTag, run, shards, attempts };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, console, verbose, async (session, token) =>
        {
            var job = BatchPredictionJobOptions.FromEnvironment(parseResult.GetRequiredValue(bucket), parseResult.GetRequiredValue(key));
            job.InputETag = parseResult.GetValue(eTag);
            var options = ShardedPredictionOptions.FromEnvironment(
                job, parseResult.GetRequiredValue(run), parseResult.GetValue(shards), parseResult.GetValue(attempts), Environment.GetEnvironmentVariable);
            using var s3 = new AmazonS3Client();
            await step(options, s3, session.Loggers.CreateLogger(typeof(ShardedPredictionJob)), token).ConfigureAwait(false);
            session.Say($"{name} done for s3://{job.Bucket}/{job.Key} (run {options.Run})");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
