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
        var maxRuntime = new Option<double>("--max-runtime") { Description = "Hours of training after which SageMaker stops the job (the best model so far is kept).", HelpName = "HOURS", DefaultValueFactory = _ => 24 };
        var spot = new Option<bool>("--spot") { Description = "Train on managed spot capacity: cheaper, may be interrupted; the job checkpoints to S3 and resumes after the last completed epoch." };
        var maxWait = new Option<double?>("--max-wait") { Description = "With --spot: hours the job may take in all, waiting for spot capacity included; at least --max-runtime. Default: twice --max-runtime.", HelpName = "HOURS" };
        var preset = CommonOptions.Preset(ImdbDefaults.Preset);
        var config = CommonOptions.Config();
        var region = new Option<string?>("--region") { Description = "AWS region. Default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's.", HelpName = "REGION" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the CreateTrainingJob request and stop." };
        var command = new Command("sagemaker-train", "Train on Amazon SageMaker with the project's container image and wait for the model.")
        {
            dataUri, outputUri, roleArn, image, instanceType, jobName, maxRuntime, spot, maxWait, preset, config, region, dryRun,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(maxWait) is not null && !result.GetValue(spot))
            {
                result.AddError("--max-wait needs --spot: it bounds the waits for spot capacity.");
            }
        });
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
                MaxRuntime = TimeSpan.FromHours(parseResult.GetValue(maxRuntime)),
                UseSpotInstances = parseResult.GetValue(spot),
                MaxWait = parseResult.GetValue(maxWait) is { } hours ? TimeSpan.FromHours(hours) : null,
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
            if (outcome.Description is { TrainingTimeInSeconds: { } trainingSeconds, BillableTimeInSeconds: { } billableSeconds })
            {
                session.Say($"{trainingSeconds} s of training, {billableSeconds} s billed");
            }
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
