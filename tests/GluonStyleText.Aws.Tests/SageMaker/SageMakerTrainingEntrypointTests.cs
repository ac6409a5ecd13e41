using System.Text.Json;
using GluonStyleText.Aws.Host.SageMaker;
using GluonStyleText.Aws.SageMaker;
using GluonStyleText.Aws.Tests.Fixtures;
using GluonStyleText.Aws.Tests.Jobs;
using GluonStyleText.Aws.Tests.Pipeline;
using GluonStyleText.Bundles;
using GluonStyleText.Training;
using Microsoft.Extensions.Logging.Abstractions;

namespace GluonStyleText.Aws.Tests.SageMaker;

// In the server collection, although it needs no server: it trains in this process, and so must never run beside
// the collection's other trainings (torch's one global generator; see S3ServerCollection).
[Collection(S3ServerCollection.Name)]
public sealed class SageMakerTrainingEntrypointTests : IDisposable
{
    private readonly SageMakerContainer _container = new();

    private SageMakerPaths Paths => _container.Paths;

    public void Dispose() => _container.Dispose();

    [Fact]
    public async Task Trains_on_every_csv_file_of_the_channel_and_leaves_the_bundle_a_report_and_a_checkpoint()
    {
        WriteHyperparameters();
        var reviews = SyntheticReviews.Create(300, seed: 4);
        WriteChannelFile("a.csv", SyntheticReviews.ToCsv(reviews.Take(200)));
        WriteChannelFile("more/b.CSV", SyntheticReviews.ToCsv(reviews.Skip(200)));
        WriteChannelFile("README.txt", "not training data");

        var exitCode = await SageMakerTrainingEntrypoint.RunAsync(Paths, NullLogger.Instance);

        Assert.Equal(SageMakerTrainingEntrypoint.SuccessExitCode, exitCode);
        Assert.False(File.Exists(Paths.FailureFile));
        using (var bundle = ModelBundle.Load(Paths.ModelDirectory))
        {
            Assert.Equal(["negative", "positive"], bundle.Labels.Labels.Order());
            Assert.Equal(3, bundle.Options.Epochs);
        }

        Assert.Equal(["bundle.json", "labels.json", "metrics.json", "options.json", "transformer.json", "weights.bin"],
            Directory.GetFiles(Paths.ModelDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var report = ReadReport();
        Assert.Equal(["a.csv", "more/b.CSV"], report.RootElement.GetProperty("training_files").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(300, report.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(3, report.RootElement.GetProperty("history").GetArrayLength());
        Assert.False(report.RootElement.GetProperty("stopped").GetBoolean());
        Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("resumed_after_epoch").ValueKind);
        Assert.True(report.RootElement.GetProperty("validation_metrics").GetProperty("accuracy").GetDouble() > 0.9);
        Assert.Equal(2, CheckpointEpoch());
    }

    [Fact]
    public async Task A_stop_saves_the_best_model_so_far_and_the_next_run_resumes_from_the_checkpoint()
    {
        WriteHyperparameters();
        WriteChannelFile("train.csv", SyntheticReviews.ToCsv(SyntheticReviews.Create(200, seed: 8)));
        using var stop = new CancellationTokenSource();
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Epoch == 1 && p.Batch == 2)
            {
                stop.Cancel();
            }
        });

        var stopped = await SageMakerTrainingEntrypoint.RunAsync(Paths, NullLogger.Instance, progress, stop.Token);

        Assert.Equal(SageMakerTrainingEntrypoint.SuccessExitCode, stopped);
        Assert.True(File.Exists(Path.Combine(Paths.ModelDirectory, "bundle.json")));
        Assert.Equal(0, CheckpointEpoch());
        using (var report = ReadReport())
        {
            Assert.True(report.RootElement.GetProperty("stopped").GetBoolean());
            Assert.Equal(0, report.RootElement.GetProperty("best_epoch").GetInt32());
            Assert.Equal(1, report.RootElement.GetProperty("history").GetArrayLength());
        }

        // Managed spot training: a new container with an empty model folder and the synchronised checkpoints.
        Directory.Delete(Paths.ModelDirectory, recursive: true);
        var resumed = await SageMakerTrainingEntrypoint.RunAsync(Paths, NullLogger.Instance);

        Assert.Equal(SageMakerTrainingEntrypoint.SuccessExitCode, resumed);
        using (var report = ReadReport())
        {
            Assert.Equal(0, report.RootElement.GetProperty("resumed_after_epoch").GetInt32());
            Assert.False(report.RootElement.GetProperty("stopped").GetBoolean());
            Assert.Equal([0, 1, 2], report.RootElement.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32()));
        }

        Assert.Equal(2, CheckpointEpoch());
        ModelBundle.Load(Paths.ModelDirectory).Dispose();
    }

    [Fact]
    public async Task A_checkpoint_whose_weights_never_reached_the_container_is_trained_afresh_rather_than_failing_the_job()
    {
        WriteHyperparameters();
        WriteChannelFile("train.csv", SyntheticReviews.ToCsv(SyntheticReviews.Create(200, seed: 8)));
        using var stop = new CancellationTokenSource();
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Epoch == 1)
            {
                stop.Cancel();
            }
        });
        Assert.Equal(SageMakerTrainingEntrypoint.SuccessExitCode, await SageMakerTrainingEntrypoint.RunAsync(Paths, NullLogger.Instance, progress, stop.Token));
        // As S3 may hold it after an instance was lost mid-upload: checkpoint.json, but not the weights it names.
        foreach (var weights in Directory.GetFiles(Paths.CheckpointDirectory, "epoch-0000-model.bin"))
        {
            File.Delete(weights);
        }

        Directory.Delete(Paths.ModelDirectory, recursive: true);
        var messages = new List<string>();

        var exitCode = await SageMakerTrainingEntrypoint.RunAsync(Paths, new CallbackLogger(messages.Add));

        Assert.Equal(SageMakerTrainingEntrypoint.SuccessExitCode, exitCode);
        Assert.Contains(messages, message => message.StartsWith($"The checkpoint in {Paths.CheckpointDirectory} is incomplete (", StringComparison.Ordinal) && message.Contains("epoch-0000-model.bin", StringComparison.Ordinal));
        using (var report = ReadReport())
        {
            Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("resumed_after_epoch").ValueKind);
            Assert.Equal([0, 1, 2], report.RootElement.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32()));
        }

        Assert.Equal(2, CheckpointEpoch());
    }

    [Fact]
    public async Task A_stop_in_the_first_epoch_saves_no_model_and_says_why()
    {
        WriteHyperparameters();
        WriteChannelFile("train.csv", SyntheticReviews.ToCsv(SyntheticReviews.Create(200, seed: 8)));
        using var stop = new CancellationTokenSource();
        var progress = new SynchronousProgress<TrainingProgress>(p => stop.Cancel());

        var exitCode = await SageMakerTrainingEntrypoint.RunAsync(Paths, NullLogger.Instance, progress, stop.Token);

        Assert.Equal(SageMakerTrainingEntrypoint.FailureExitCode, exitCode);
        Assert.Equal("Training was stopped before its first epoch completed; no model was saved.\n", File.ReadAllText(Paths.FailureFile));
        Assert.False(Directory.Exists(Paths.ModelDirectory) && Directory.EnumerateFileSystemEntries(Paths.ModelDirectory).Any());
    }

    [Fact]
    public async Task A_bad_hyperparameter_fails_with_a_one_line_reason_naming_the_key()
    {
        WriteHyperparameters(("num_epoch", "many"), ("seq_len", "0"));
        WriteChannelFile("train.csv", SyntheticReviews.ToCsv(SyntheticReviews.Create(20, seed: 1)));

        var exitCode = await SageMakerTrainingEntrypoint.RunAsync(Paths, NullLogger.Instance);

        Assert.Equal(SageMakerTrainingEntrypoint.FailureExitCode, exitCode);
        var reason = File.ReadAllText(Paths.FailureFile);
        Assert.Single(reason.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("\"num_epoch\" must be an integer, got \"many\"", reason, StringComparison.Ordinal);
        Assert.Contains("seq_len", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_row_fails_naming_the_file_and_line()
    {
        WriteHyperparameters();
        var csv = SyntheticReviews.ToCsv(SyntheticReviews.Create(20, seed: 1)) + "positive\r\n";
        WriteChannelFile("claims.csv", csv);

        var exitCode = await SageMakerTrainingEntrypoint.RunAsync(Paths, NullLogger.Instance);

        Assert.Equal(SageMakerTrainingEntrypoint.FailureExitCode, exitCode);
        Assert.Contains($"{Path.Combine(Paths.TrainingChannelDirectory, "claims.csv")} line 22", File.ReadAllText(Paths.FailureFile), StringComparison.Ordinal);
    }

    [Fact]
    public void The_container_checkpoints_into_the_folder_the_launcher_has_SageMaker_synchronise()
    {
        Assert.Equal(TrainingJobRequest.CheckpointLocalPath, SageMakerPaths.Default.CheckpointDirectory);
    }

    [Fact]
    public async Task A_channel_without_csv_files_fails_saying_so()
    {
        WriteHyperparameters();
        WriteChannelFile("train.tsv", "sentiment\treview\n");

        var exitCode = await SageMakerTrainingEntrypoint.RunAsync(Paths, NullLogger.Instance);

        Assert.Equal(SageMakerTrainingEntrypoint.FailureExitCode, exitCode);
        Assert.Contains($"The training channel folder '{Paths.TrainingChannelDirectory}' holds no .csv files", File.ReadAllText(Paths.FailureFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_channel_fails_naming_the_channel()
    {
        WriteHyperparameters();

        var exitCode = await SageMakerTrainingEntrypoint.RunAsync(Paths, NullLogger.Instance);

        Assert.Equal(SageMakerTrainingEntrypoint.FailureExitCode, exitCode);
        Assert.Contains("the training job needs an input channel named 'training'", File.ReadAllText(Paths.FailureFile), StringComparison.Ordinal);
    }

    private void WriteHyperparameters(params (string Key, string Value)[] overrides) => _container.WriteHyperparameters(overrides);

    private void WriteChannelFile(string relativePath, string content) => _container.WriteChannelFile(relativePath, content);

    private JsonDocument ReadReport() => _container.ReadReport();

    private int CheckpointEpoch() => _container.CheckpointEpoch();
}
