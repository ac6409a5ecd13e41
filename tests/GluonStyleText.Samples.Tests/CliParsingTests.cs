using GluonStyleText.Samples.Imdb.Commands;
using GluonStyleText.Cli.ConsoleUi;

namespace GluonStyleText.Samples.Tests;

public sealed class CliParsingTests
{
    [Fact]
    public async Task HelpListsTheCommands()
    {
        var run = await CliRun.RunAsync(["--help"]);

        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "train", "evaluate", "predict", "demo", "pipeline", "upload", "sagemaker-train", "--verbose" })
        {
            Assert.Contains(command, run.Out, StringComparison.Ordinal);
        }

        // The container entrypoints are the host's (src/GluonStyleText.Aws.Host), not the sample's.
        foreach (var command in new[] { "container-train", "container-predict" })
        {
            Assert.DoesNotContain(command, run.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("train", "--preset <NAME>", "[default: auto]", "--embeddings <FILE>", "--checkpoints <DIR>", "--resume <DIR>", "--cache-dir <DIR>")]
    [InlineData("evaluate", "--model <BUNDLE> (REQUIRED)", "--test <FILE>", "--report <DIR>")]
    [InlineData("predict", "--model <BUNDLE> (REQUIRED)", "--text-column <NAME>", "--class-probabilities", "--top <K>")]
    [InlineData("demo", "--data <DIR>", "--embeddings <FILE>", "Default: ./imdb-demo.")]
    [InlineData("pipeline", "--model <BUNDLE> (REQUIRED)", "--input <FILE> (REQUIRED)", "[default: pipeline-output]", "--shard-mib <MIB>", "--workers <N>")]
    [InlineData("upload", "--path <PATH> (REQUIRED)", "--to <S3URI> (REQUIRED)")]
    [InlineData("sagemaker-train", "--data-uri <S3URI> (REQUIRED)", "--role-arn <ARN> (REQUIRED)", "--dry-run", "[default: ml.c5.2xlarge]", "--spot", "--max-wait <HOURS>", "--max-runtime <HOURS>")]
    public async Task EachCommandDescribesItsOptions(string command, params string[] expected)
    {
        var run = await CliRun.RunAsync([command, "--help"]);

        Assert.Equal(0, run.ExitCode);
        foreach (var text in expected)
        {
            Assert.Contains(text, run.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Give either --data or --train, not both.", "train", "--data", "d", "--train", "t.csv")]
    [InlineData("Argument 'turbo' not recognized. Must be one of:", "train", "--preset", "turbo")]
    [InlineData("--epochs must be at least 1, got 0.", "train", "--epochs", "0")]
    [InlineData("--threads must be at least 1, got -2.", "demo", "--threads", "-2")]
    [InlineData("Cannot parse argument 'three' for option '--epochs'", "demo", "--epochs", "three")]
    [InlineData("--device 'gpu' is not one of cpu, cuda, cuda:N, auto.", "train", "--device", "gpu")]
    [InlineData("Option '--model' is required.", "evaluate", "--test", "t.csv")]
    [InlineData("Give either --data or --test, not both.", "evaluate", "--model", "m", "--data", "d", "--test", "t.csv")]
    [InlineData("Give either --input FILE --output FILE, or --text \"...\".", "predict", "--model", "m")]
    [InlineData("Give either --input FILE --output FILE, or --text \"...\".", "predict", "--model", "m", "--text", "hi", "--input", "in.csv")]
    [InlineData("--input needs --output FILE: where to write the predictions.", "predict", "--model", "m", "--input", "in.csv")]
    [InlineData("--top must be at least 1, got 0.", "predict", "--model", "m", "--text", "hi", "--top", "0")]
    [InlineData("Unrecognized command or argument 'fly'.", "fly")]
    [InlineData("Option '--input' is required.", "pipeline", "--model", "m")]
    [InlineData("--shard-mib must be 0 or more and --workers at least 1.", "pipeline", "--model", "m", "--input", "README.md", "--workers", "0")]
    [InlineData("error: 'http://bucket/key' is not an S3 location", "upload", "--path", "README.md", "--to", "http://bucket/key")]
    [InlineData("must be an IAM role ARN", "sagemaker-train", "--data-uri", "s3://b/training/", "--output-uri", "s3://b/sagemaker/", "--role-arn", "admin", "--image", "i:1", "--dry-run")]
    [InlineData("--max-wait needs --spot", "sagemaker-train", "--data-uri", "s3://b/training/", "--output-uri", "s3://b/sagemaker/", "--role-arn", "arn:aws:iam::123456789012:role/R", "--image", "i:1", "--max-wait", "48", "--dry-run")]
    [InlineData("MaxWait (02:00:00) must be at least MaxRuntime (04:00:00)", "sagemaker-train", "--data-uri", "s3://b/training/", "--output-uri", "s3://b/sagemaker/", "--role-arn", "arn:aws:iam::123456789012:role/R", "--image", "i:1", "--spot", "--max-runtime", "4", "--max-wait", "2", "--dry-run")]
    public async Task BadArgumentsAreRejectedWithAMessage(string message, params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SageMakerDryRunPrintsTheRequestWithTheConfigurationAsHyperparameters()
    {
        var run = await CliRun.RunAsync([
            "sagemaker-train", "--dry-run", "--job-name", "imdb-cnn-1", "--region", "eu-west-1",
            "--data-uri", "s3://models/training/imdb/", "--output-uri", "s3://models/sagemaker/",
            "--role-arn", "arn:aws:iam::123456789012:role/SageMakerRole",
            "--image", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/gluonstyletext:1", "--preset", "seed"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"TrainingJobName\": \"imdb-cnn-1\"", run.Out, StringComparison.Ordinal);
        Assert.Contains("\"TrainingDataS3Uri\": \"s3://models/training/imdb/\"", run.Out, StringComparison.Ordinal);
        Assert.Contains("\"kernel_size\": \"8\"", run.Out, StringComparison.Ordinal);
        Assert.Contains("\"EnableManagedSpotTraining\": false", run.Out, StringComparison.Ordinal);
        Assert.Contains("\"CheckpointS3Uri\": null", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SageMakerDryRunShowsTheSpotSettings()
    {
        var run = await CliRun.RunAsync([
            "sagemaker-train", "--dry-run", "--job-name", "imdb-cnn-1", "--region", "eu-west-1",
            "--data-uri", "s3://models/training/imdb/", "--output-uri", "s3://models/sagemaker/",
            "--role-arn", "arn:aws:iam::123456789012:role/SageMakerRole",
            "--image", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/gluonstyletext:1", "--preset", "seed",
            "--spot", "--max-runtime", "6", "--max-wait", "12"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"EnableManagedSpotTraining\": true", run.Out, StringComparison.Ordinal);
        Assert.Contains("\"MaxRuntimeInSeconds\": 21600", run.Out, StringComparison.Ordinal);
        Assert.Contains("\"MaxWaitTimeInSeconds\": 43200", run.Out, StringComparison.Ordinal);
        Assert.Contains("\"CheckpointS3Uri\": \"s3://models/sagemaker/imdb-cnn-1/checkpoints/\"", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsHaveTheirDefaults()
    {
        var root = ImdbCommandLine.Create(new CliConsole(TextWriter.Null, TextWriter.Null, ErrorIsTerminal: false));

        var train = root.Parse(["train", "--data", "d"]);
        var predict = root.Parse(["predict", "--model", "m", "--text", "hi"]);

        Assert.Empty(train.Errors);
        Assert.Equal("auto", train.GetValue<string?>("--preset"));
        Assert.Null(train.GetValue<int?>("--epochs"));
        Assert.False(train.GetValue<bool>("--verbose"));
        Assert.Empty(predict.Errors);
        Assert.Null(predict.GetValue<int?>("--top"));
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("CUDA")]
    [InlineData("cuda:1")]
    [InlineData("auto")]
    public void KnownDevicesAreAccepted(string device)
    {
        var root = ImdbCommandLine.Create(new CliConsole(TextWriter.Null, TextWriter.Null, ErrorIsTerminal: false));

        Assert.Empty(root.Parse(["train", "--device", device]).Errors);
    }
}
