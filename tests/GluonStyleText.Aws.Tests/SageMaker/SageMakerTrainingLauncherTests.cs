using GluonStyleText.Aws.SageMaker;
using GluonStyleText.Aws.Tests.Fixtures;
using GluonStyleText.Aws.Tests.Jobs;
using GluonStyleText.Options;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Aws.Tests.SageMaker;

public sealed class SageMakerTrainingLauncherTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Creates_the_job_follows_it_and_returns_the_model_uri()
    {
        var sageMaker = new FakeSageMaker(
            ("InProgress", "Starting"), ("InProgress", "Starting"), ("InProgress", "Downloading"),
            ("InProgress", "Training"), ("InProgress", "Training"), ("InProgress", "Uploading"), ("Completed", "Completed"));
        var reported = new List<string>();

        var outcome = await SageMakerTrainingLauncher.RunAsync(
            Options(), sageMaker, progress: new SynchronousProgress<TrainingJobDescription>(d => reported.Add($"{d.RawStatus}/{d.SecondaryStatus}")));

        var request = Assert.Single(sageMaker.Created);
        Assert.Equal(request.TrainingJobName, outcome.TrainingJobName);
        Assert.Equal("s3://models-bucket/sagemaker/job/output/model.tar.gz", outcome.ModelArtifactsUri);
        Assert.Equal(TrainingJobState.Completed, outcome.Description.Status);
        Assert.Equal(["InProgress/Starting", "InProgress/Downloading", "InProgress/Training", "InProgress/Uploading", "Completed/Completed"], reported);
        Assert.Empty(sageMaker.Stopped);
    }

    [Fact]
    public void The_request_carries_the_options_as_strings_and_a_timestamped_valid_name()
    {
        var options = Options();
        var training = new TextClassifierOptions { Epochs = 2, KernelSizes = [3, 5] };
        options.Hyperparameters = TextClassifierOptionsLoader.ToStrings(training);
        var now = new DateTimeOffset(2026, 5, 1, 10, 15, 30, TimeSpan.Zero);

        var request = SageMakerTrainingLauncher.CreateRequest(options, now);

        Assert.Matches("^imdb-cnn-20260501-101530-[0-9a-f]{16}$", request.TrainingJobName);
        Assert.True(TrainingJobNames.IsValid(request.TrainingJobName));
        Assert.Equal(request.TrainingJobName, SageMakerTrainingLauncher.CreateRequest(options, now).TrainingJobName);
        Assert.NotEqual(request.TrainingJobName, SageMakerTrainingLauncher.CreateRequest(options, now.AddSeconds(1)).TrainingJobName);
        Assert.Equal("2", request.HyperParameters["num_epoch"]);
        Assert.Equal("[3,5]", request.HyperParameters["kernel_sizes"]);
        Assert.Equal(TextClassifierOptionsLoader.ToJson(training), TextClassifierOptionsLoader.ToJson(TextClassifierOptionsLoader.FromStrings(request.HyperParameters, "h").Options));
        Assert.Equal(("123456789012.dkr.ecr.eu-west-1.amazonaws.com/gluonstyletext:abc", "s3://models-bucket/training/imdb/", "s3://models-bucket/sagemaker/", "ml.c5.2xlarge"),
            (request.TrainingImage, request.TrainingDataS3Uri, request.OutputS3Uri, request.InstanceType));
        Assert.Equal(7200, request.MaxRuntimeInSeconds);
    }

    [Fact]
    public void An_on_demand_job_has_no_spot_settings_and_no_checkpoint_prefix()
    {
        var request = SageMakerTrainingLauncher.CreateRequest(Options(), DateTimeOffset.UtcNow);

        Assert.False(request.EnableManagedSpotTraining);
        Assert.Null(request.MaxWaitTimeInSeconds);
        Assert.Null(request.CheckpointS3Uri);
    }

    [Fact]
    public void A_spot_job_waits_twice_its_runtime_and_checkpoints_beside_its_output_under_its_name()
    {
        var options = Options();
        options.UseSpotInstances = true;

        var request = SageMakerTrainingLauncher.CreateRequest(options, new DateTimeOffset(2026, 5, 1, 10, 15, 30, TimeSpan.Zero));

        Assert.True(request.EnableManagedSpotTraining);
        Assert.Equal((7200, 14_400), (request.MaxRuntimeInSeconds, request.MaxWaitTimeInSeconds));
        Assert.Equal($"s3://models-bucket/sagemaker/{request.TrainingJobName}/checkpoints/", request.CheckpointS3Uri);
    }

    [Fact]
    public void A_spot_job_takes_the_wait_and_checkpoint_prefix_it_is_given()
    {
        var options = Options();
        options.UseSpotInstances = true;
        options.MaxWait = TimeSpan.FromHours(2);
        options.CheckpointUri = "s3://models-bucket/sagemaker/imdb-cnn-1/checkpoints/";
        options.JobName = "imdb-cnn-2";

        var request = SageMakerTrainingLauncher.CreateRequest(options, DateTimeOffset.UtcNow);

        // Equal to the runtime is SageMaker's lower bound; the second job resumes from the first one's checkpoints.
        Assert.Equal(7200, request.MaxWaitTimeInSeconds);
        Assert.Equal("s3://models-bucket/sagemaker/imdb-cnn-1/checkpoints/", request.CheckpointS3Uri);
    }

    [Fact]
    public void An_on_demand_job_may_keep_checkpoints_for_a_later_job_to_resume_from()
    {
        var options = Options();
        options.CheckpointUri = "s3://models-bucket/sagemaker/imdb-cnn-1/checkpoints/";

        var request = SageMakerTrainingLauncher.CreateRequest(options, DateTimeOffset.UtcNow);

        Assert.False(request.EnableManagedSpotTraining);
        Assert.Equal(options.CheckpointUri, request.CheckpointS3Uri);
    }

    public static TheoryData<bool, double, string?, string> InvalidSpotOptions => new()
    {
        { true, 1.5, null, "SageMakerLaunchOptions.MaxWait (01:30:00) must be at least MaxRuntime (02:00:00)" },
        { false, 4, null, "SageMakerLaunchOptions.MaxWait (04:00:00) applies to spot training only: set UseSpotInstances too" },
        { true, 4, "checkpoints/", "Training job CheckpointS3Uri 'checkpoints/' must be an S3 URI" },
    };

    [Theory]
    [MemberData(nameof(InvalidSpotOptions))]
    public async Task Invalid_spot_options_fail_before_anything_is_created(bool spot, double maxWaitHours, string? checkpointUri, string expected)
    {
        var options = Options();
        options.UseSpotInstances = spot;
        options.MaxWait = TimeSpan.FromHours(maxWaitHours);
        options.CheckpointUri = checkpointUri;
        var sageMaker = new FakeSageMaker(("Completed", "Completed"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => SageMakerTrainingLauncher.RunAsync(options, sageMaker));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(sageMaker.Created);
    }

    [Fact]
    public async Task The_launcher_reports_a_spot_jobs_limits_and_what_the_spot_capacity_saved()
    {
        var options = Options();
        options.UseSpotInstances = true;
        var messages = new List<string>();
        var sageMaker = new FakeSageMaker(("InProgress", "Training"), ("InProgress", "Interrupted"), ("InProgress", "Training"), ("Completed", "Completed"))
        {
            Time = (3000, 900),
        };

        var outcome = await SageMakerTrainingLauncher.RunAsync(options, sageMaker, new CallbackLogger(messages.Add));

        var name = outcome.TrainingJobName;
        Assert.Contains($"Training job {name} runs on managed spot capacity: at most 14400 s in all, waits included; checkpoints in s3://models-bucket/sagemaker/{name}/checkpoints/", messages);
        Assert.Contains($"Training job {name}: Interrupted: Interrupted step", messages);
        // 1 - 900 / 3000, SageMaker's measure of what spot capacity saved; the percent sign's spacing is the culture's.
        Assert.Contains(messages, message => message.StartsWith($"Training job {name}: 3000 s of training, 900 s billed (saved 70", StringComparison.Ordinal));
    }

    [Fact]
    public void A_configuration_file_or_an_explicit_name_is_used_as_given()
    {
        var config = _folder.WriteFile("config.json", "{\"n_classes\": 2, \"num_epoch\": 9, \"cnn\": true, \"kernel_size\": 8, \"MODELPARAMSURL\": \"\"}"u8.ToArray());
        var options = Options();
        options.Hyperparameters = TextClassifierOptionsLoader.ToStrings(TextClassifierOptionsLoader.Load(config).Options);
        options.JobName = "my-run-1";

        var request = SageMakerTrainingLauncher.CreateRequest(options, DateTimeOffset.UtcNow);

        Assert.Equal("my-run-1", request.TrainingJobName);
        Assert.Equal("9", request.HyperParameters["num_epoch"]);
        Assert.Equal("8", request.HyperParameters["kernel_size"]);
        Assert.Equal("", request.HyperParameters["MODELPARAMSURL"]);
    }

    [Theory]
    [InlineData("RoleArn", "", "SageMakerLaunchOptions.RoleArn is required")]
    [InlineData("RoleArn", "not-an-arn", "RoleArn 'not-an-arn' must be an IAM role ARN")]
    [InlineData("TrainingDataUri", "", "SageMakerLaunchOptions.TrainingDataUri is required")]
    [InlineData("JobName", "bad_name", "'bad_name' is not a valid SageMaker training job name")]
    [InlineData("InstanceType", "c5.large", "must be a SageMaker instance type")]
    public async Task Invalid_options_fail_before_anything_is_created(string property, string value, string expected)
    {
        var options = Options();
        typeof(SageMakerLaunchOptions).GetProperty(property)!.SetValue(options, value);
        var sageMaker = new FakeSageMaker(("Completed", "Completed"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => SageMakerTrainingLauncher.RunAsync(options, sageMaker));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(sageMaker.Created);
    }

    [Fact]
    public async Task Invalid_training_options_fail_before_anything_is_created()
    {
        var options = Options();
        var sageMaker = new FakeSageMaker(("Completed", "Completed"));

        // The hyperparameters come from options the core has loaded, and so validated: a bad value stops there.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
        {
            options.Hyperparameters = TextClassifierOptionsLoader.ToStrings(
                TextClassifierOptionsLoader.LoadJson(TextClassifierOptionsLoader.ToJson(new TextClassifierOptions { Epochs = 0 }), "options").Options);
            return SageMakerTrainingLauncher.RunAsync(options, sageMaker);
        });

        Assert.Contains("num_epoch", error.Message, StringComparison.Ordinal);
        Assert.Empty(sageMaker.Created);
    }

    [Fact]
    public async Task A_failed_job_throws_with_SageMakers_failure_reason()
    {
        var sageMaker = new FakeSageMaker(("InProgress", "Training"), ("Failed", "Failed"))
        {
            FailureReason = "AlgorithmError: /opt/ml/input/data/training/train.csv line 17, column 'review': the text is empty",
        };

        var error = await Assert.ThrowsAsync<SageMakerTrainingJobException>(() => SageMakerTrainingLauncher.RunAsync(Options(), sageMaker));

        Assert.Contains("failed (Failed): AlgorithmError: /opt/ml/input/data/training/train.csv line 17", error.Message, StringComparison.Ordinal);
        Assert.Equal(sageMaker.FailureReason, error.FailureReason);
    }

    [Fact]
    public async Task A_stopped_job_returns_the_best_model_it_saved_or_throws_without_one()
    {
        var withModel = await SageMakerTrainingLauncher.RunAsync(Options(), new FakeSageMaker(("Stopping", "Stopping"), ("Stopped", "MaxRuntimeExceeded")));
        var error = await Assert.ThrowsAsync<SageMakerTrainingJobException>(() =>
            SageMakerTrainingLauncher.RunAsync(Options(), new FakeSageMaker(("Stopped", "Stopped")) { ModelArtifacts = null }));

        Assert.Equal(TrainingJobState.Stopped, withModel.Description.Status);
        Assert.Equal("MaxRuntimeExceeded", withModel.Description.SecondaryStatus);
        Assert.Contains("ended as Stopped (Stopped) without a model", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cancelling_the_wait_stops_the_job_unless_told_not_to(bool stopJob)
    {
        using var cancel = new CancellationTokenSource();
        var sageMaker = new FakeSageMaker(("InProgress", "Training")) { OnDescribe = call => { if (call == 3) { cancel.Cancel(); } } };
        var options = Options();
        options.StopJobOnCancel = stopJob;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SageMakerTrainingLauncher.RunAsync(options, sageMaker, cancellationToken: cancel.Token));

        Assert.Equal(stopJob ? [sageMaker.Created[0].TrainingJobName] : [], sageMaker.Stopped);
    }

    private static SageMakerLaunchOptions Options() => new()
    {
        JobNamePrefix = "imdb-cnn",
        Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/gluonstyletext:abc",
        RoleArn = "arn:aws:iam::123456789012:role/gluonstyletext-SageMakerExecutionRole-ABC",
        TrainingDataUri = "s3://models-bucket/training/imdb/",
        OutputUri = "s3://models-bucket/sagemaker/",
        MaxRuntime = TimeSpan.FromHours(2),
        PollInterval = TimeSpan.Zero,
        MaxPollInterval = TimeSpan.FromMilliseconds(1),
    };
}
