using System.CommandLine;
using GluonStyleText.Aws.Configuration;
using GluonStyleText.Aws.SageMaker;
using GluonStyleText.Cli.Commands;
using GluonStyleText.Cli.ConsoleUi;
using GluonStyleText.Cli.Training;
using GluonStyleText.Options;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Samples.Imdb.Commands.Aws;

/// <summary>
/// <c>sagemaker-train</c>: starts a SageMaker training job with the container image and follows it
/// to the end, as the seed's train_sagemaker_model.py did (real AWS; docs/aws-deployment.md step 5).
/// </summary>
internal static class SageMakerTrainCommand
{
    public static Command Create(CliConsole console, Option<bool> verbose)
    {
        var dataUri = new Option<string>("--data-uri") { Description = "S3 prefix of the training CSVs (the 'training' channel).", HelpName = "S3URI", Required = true };
        var outputUri = new Option<string>("--output-uri") { Description = "S3 prefix where SageMaker writes model.tar.gz.", HelpName = "S3URI", Required = true };
        var roleArn = new Option<string>("--role-arn") { Description = "The SageMaker execution role (stack output SageMakerExecutionRoleArn).", HelpName = "ARN", Required = true };
        var image = new Option<string>("--image") { Description = "The training image URI (stack output ImageUri).", HelpName = "URI", Required = true };
        var instanceType = new Option<string>("--instance-type") { Description = "SageMaker instance type.", HelpName = "TYPE", DefaultValueFactory = _ => "ml.c5.2xlarge" };
        var jobName = new Option<string?>("--job-name") { Description = "Training job name. Default: gluonstyletext-<time>.", HelpName = "NAME" };
        var preset = CommonOptions.Preset(ImdbDefaults.Preset);
        var config = CommonOptions.Config();
        var region = new Option<string?>("--region") { Description = "AWS region. Default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's.", HelpName = "REGION" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the CreateTrainingJob request and stop." };
        var command = new Command("sagemaker-train", "Train on Amazon SageMaker with the project's container image and wait for the model.")
        {
            dataUri, outputUri, roleArn, image, instanceType, jobName, preset, config, region, dryRun,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, console, verbose, async (session, token) =>
        {
            var logger = session.Loggers.CreateLogger(typeof(SageMakerTrainingLauncher));
            var configuration = new TrainingConfiguration { Preset = parseResult.GetValue(preset) ?? ImdbDefaults.Preset, ConfigPath = parseResult.GetValue(config) };
            var launch = new SageMakerLaunchOptions
            {
                JobName = parseResult.GetValue(jobName),
                Image = parseResult.GetRequiredValue(image),
                RoleArn = parseResult.GetRequiredValue(roleArn),
                TrainingDataUri = parseResult.GetRequiredValue(dataUri),
                OutputUri = parseResult.GetRequiredValue(outputUri),
                InstanceType = parseResult.GetRequiredValue(instanceType),
                Hyperparameters = TextClassifierOptionsLoader.ToStrings(configuration.Build(logger)),
            };
            if (parseResult.GetValue(dryRun))
            {
                var request = SageMakerTrainingLauncher.CreateRequest(launch, DateTimeOffset.UtcNow);
                session.Say(System.Text.Json.JsonSerializer.Serialize(request, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Success;
            }

            var client = new SageMakerJsonClient(new AwsClientOptions { Region = parseResult.GetValue(region) });
            var progress = new Progress<TrainingJobDescription>(job => session.Progress.Update($"SageMaker {job.TrainingJobName}: {job.RawStatus} / {job.SecondaryStatus}"));
            var outcome = await SageMakerTrainingLauncher.RunAsync(launch, client, logger, progress, token).ConfigureAwait(false);
            session.Progress.Complete();
            session.Say($"Training job {outcome.TrainingJobName} completed; model: {outcome.ModelArtifactsUri}");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
