using GluonStyleText.Aws.SageMaker;
using GluonStyleText.Aws.Tests.Fixtures;
using GluonStyleText.Aws.Tests.Jobs;
using GluonStyleText.Options;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Aws.Tests.SageMaker;

public sealed class SageMakerTrainingLauncherTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

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
    public void A_configuration_file_or_an_explicit_name_is_used_as_given()
    {
        var config = folder.WriteFile("config.json", "{\"n_classes\": 2, \"num_epoch\": 9, \"cnn\": true, \"kernel_size\": 8, \"MODELPARAMSURL\": \"\"}"u8.ToArray());
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
