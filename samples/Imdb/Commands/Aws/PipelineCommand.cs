using System.CommandLine;
using GluonStyleText.Aws.Lambda;
using GluonStyleText.Aws.Local;
using GluonStyleText.Cli.Commands;
using GluonStyleText.Cli.ConsoleUi;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Samples.Imdb.Commands.Aws;

/// <summary>
/// <c>pipeline</c>: the AWS prediction pipeline on this machine, with the same code: a real S3
/// server (s3rver) on 127.0.0.1, its upload event handed to the Lambda handler, which submits to an
/// in-process job runner running the Batch prediction job.
/// </summary>
internal static class PipelineCommand
{
    public static Command Create(CliConsole console, Option<bool> verbose)
    {
        var model = CommonOptions.Model();
        var input = new Option<string>("--input", "-i") { Description = "CSV file to upload to the predict bucket.", HelpName = "FILE", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Folder to download <name>_output.csv and its manifest into.", HelpName = "DIR", DefaultValueFactory = _ => "pipeline-output" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the output.", HelpName = "SECONDS", DefaultValueFactory = _ => 1800 };
        var threads = CommonOptions.Threads();
        var shardMiB = new Option<int>("--shard-mib")
        {
            Description = "Split uploads larger than this many MiB into an array job of shards of about this size, as the deployed Lambda does above its threshold; 0 (default): one job.",
            HelpName = "MIB",
        };
        var workers = new Option<int>("--workers")
        {
            Description = "Batch jobs (or array children) that run at once.",
            HelpName = "N",
            DefaultValueFactory = _ => new LocalPipelineOptions().JobConcurrency,
        };
        var command = new Command("pipeline", "Run the S3 upload -> Lambda -> Batch prediction pipeline locally on a real S3 server (needs Node.js; build/setup.sh installs it).")
        {
            model, input, output, timeout, threads, shardMiB, workers,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, console, verbose, async (session, token) =>
        {
            var logger = session.Loggers.CreateLogger<LocalPipeline>();
            var shardBytes = (long)parseResult.GetValue(shardMiB) << 20;
            if (shardBytes < 0 || parseResult.GetValue(workers) < 1)
            {
                throw new CommandFailure("--shard-mib must be 0 or more and --workers at least 1.");
            }

            var options = new LocalPipelineOptions
            {
                BundlePath = parseResult.GetRequiredValue(model),
                Threads = parseResult.GetValue(threads),
                JobConcurrency = parseResult.GetValue(workers),
                Sharding = shardBytes == 0 ? null : new ShardingSettings { JobDefinition = "local-shards", ThresholdBytes = shardBytes, ShardBytes = shardBytes },
            };
            session.Progress.Update("Starting the local S3 server and uploading the model");
            await using var pipeline = await LocalPipeline.StartAsync(options, logger, token).ConfigureAwait(false);
            var file = FileArguments.Require(parseResult.GetRequiredValue(input), "--input");
            var uploaded = await pipeline.UploadAsync(file, cancellationToken: token).ConfigureAwait(false);
            session.Progress.Update($"Uploaded {uploaded}; waiting for the Batch job");
            var result = await pipeline.WaitForOutputAsync(uploaded.Key, TimeSpan.FromSeconds(parseResult.GetValue(timeout)), token).ConfigureAwait(false);
            var (outputPath, manifestPath) = await pipeline.DownloadOutputAsync(result, parseResult.GetRequiredValue(output), token).ConfigureAwait(false);
            session.Progress.Complete();
            var shards = result.Manifest.Shards is { Count: > 0 } list ? $" in {list.Count} shards" : "";
            session.Say($"Job {result.Job.JobName}: {result.Job.RawStatus}; {result.Manifest.RowsIn:N0} rows in, {result.Manifest.RowsOut:N0} out, {result.Manifest.RowsRejected:N0} with an error{shards}");
            session.Say($"Output: {result.Output} -> {outputPath}");
            session.Say($"Manifest: {result.ManifestLocation} -> {manifestPath}");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
