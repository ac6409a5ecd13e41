using System.CommandLine;
using Amazon.S3;
using GluonStyleText.Aws.Storage;
using GluonStyleText.Cli.Commands;
using GluonStyleText.Cli.ConsoleUi;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Samples.Imdb.Commands.Aws;

/// <summary>
/// <c>upload</c>: puts a CSV to classify, a training file or a model bundle (folder or .zip) into S3
/// (real AWS; docs/aws-deployment.md steps 4, 6 and 7).
/// </summary>
internal static class UploadCommand
{
    public static Command Create(CliConsole console, Option<bool> verbose)
    {
        var path = new Option<string>("--path") { Description = "A file, or a model bundle folder.", HelpName = "PATH", Required = true };
        var destination = new Option<string>("--to") { Description = "s3://bucket/key for a file, s3://bucket/prefix/ for a folder.", HelpName = "S3URI", Required = true };
        var command = new Command("upload", "Upload a file or a bundle folder to S3 (e.g. a CSV to the predict bucket, which starts a Batch prediction).")
        {
            path, destination,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, console, verbose, async (session, token) =>
        {
            var source = parseResult.GetRequiredValue(path);
            var target = S3Location.Parse(parseResult.GetRequiredValue(destination));
            using var s3 = new AmazonS3Client();
            var store = new S3FileStore(s3, logger: session.Loggers.CreateLogger<S3FileStore>());
            var progress = new Progress<long>(bytes => session.Progress.Update($"Uploading  {bytes / 1e6:0.0} MB"));
            if (Directory.Exists(source))
            {
                var files = await store.UploadDirectoryAsync(source, target, progress, token).ConfigureAwait(false);
                session.Progress.Complete();
                session.Say($"Uploaded {files} files to {target.AsPrefix()}");
            }
            else
            {
                var location = await store.UploadFileAsync(FileArguments.Require(source, "--path"), target, progress, token).ConfigureAwait(false);
                session.Progress.Complete();
                session.Say($"Uploaded {location}");
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
