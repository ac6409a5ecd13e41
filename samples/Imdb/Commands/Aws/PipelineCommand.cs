using System.CommandLine;
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
        var command = new Command("pipeline", "Run the S3 upload -> Lambda -> Batch prediction pipeline locally on a real S3 server (needs Node.js; build/setup.sh installs it).")
        {
            model, input, output, timeout, threads,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, console, verbose, async (session, token) =>
        {
            var logger = session.Loggers.CreateLogger<LocalPipeline>();
            var options = new LocalPipelineOptions { BundlePath = parseResult.GetRequiredValue(model), Threads = parseResult.GetValue(threads) };
            session.Progress.Update("Starting the local S3 server and uploading the model");
            await using var pipeline = await LocalPipeline.StartAsync(options, logger, token).ConfigureAwait(false);
            var file = FileArguments.Require(parseResult.GetRequiredValue(input), "--input");
            var uploaded = await pipeline.UploadAsync(file, cancellationToken: token).ConfigureAwait(false);
            session.Progress.Update($"Uploaded {uploaded}; waiting for the Batch job");
            var result = await pipeline.WaitForOutputAsync(uploaded.Key, TimeSpan.FromSeconds(parseResult.GetValue(timeout)), token).ConfigureAwait(false);
            var (outputPath, manifestPath) = await pipeline.DownloadOutputAsync(result, parseResult.GetRequiredValue(output), token).ConfigureAwait(false);
            session.Progress.Complete();
            session.Say($"Job {result.Job.JobName}: {result.Job.RawStatus}; {result.Manifest.RowsIn:N0} rows in, {result.Manifest.RowsOut:N0} out, {result.Manifest.RowsRejected:N0} with an error");
            session.Say($"Output: {result.Output} -> {outputPath}");
            session.Say($"Manifest: {result.ManifestLocation} -> {manifestPath}");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
