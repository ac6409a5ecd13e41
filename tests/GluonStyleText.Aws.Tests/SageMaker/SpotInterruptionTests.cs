using System.Text.Json.Nodes;
using GluonStyleText.Aws.Tests.Pipeline;
using GluonStyleText.Bundles;

namespace GluonStyleText.Aws.Tests.SageMaker;

// A spot interruption may end the container without the two minutes a SIGTERM gives, so the training process is
// killed outright here, after a completed epoch, and started again on the same /opt/ml, as SageMaker restarts a managed
// spot job with its checkpoints restored. Every run is the host's real `train` command in a process of its own.
public sealed class SpotInterruptionTests : IDisposable
{
    private const int Epochs = 4;

    private readonly SageMakerContainer _uninterrupted = new();
    private readonly SageMakerContainer _interrupted = new();

    public void Dispose()
    {
        _uninterrupted.Dispose();
        _interrupted.Dispose();
    }

    [LinuxFact]
    public async Task A_run_killed_after_an_epoch_resumes_at_the_next_one_and_ends_with_the_weights_of_an_uninterrupted_run()
    {
        Prepare(_uninterrupted);
        Prepare(_interrupted);

        var reference = await HostTrainProcess.RunAsync(_uninterrupted.Paths.Root, _uninterrupted.TemporaryDirectory);
        Assert.True(reference.ExitCode == 0, reference.Output);

        var (killedAfterEpoch, killedOutput) = await KillAfterAnEpochAsync(_interrupted);
        Assert.InRange(killedAfterEpoch, 0, Epochs - 2);
        Assert.False(File.Exists(Path.Combine(_interrupted.Paths.ModelDirectory, BundleFiles.Manifest)), "the killed run saved a model: " + killedOutput);

        var rerun = await HostTrainProcess.RunAsync(_interrupted.Paths.Root, _interrupted.TemporaryDirectory);

        Assert.True(rerun.ExitCode == 0, rerun.Output);
        // It says where it resumes, and trains only the epochs the killed run had not completed.
        Assert.Contains($"epoch {killedAfterEpoch} completed, training continues with epoch {killedAfterEpoch + 1}", rerun.Output, StringComparison.Ordinal);
        Assert.Contains($"epochs {killedAfterEpoch + 1} to {Epochs - 1}", rerun.Output, StringComparison.Ordinal);
        using (var report = _interrupted.ReadReport())
        {
            Assert.Equal(killedAfterEpoch, report.RootElement.GetProperty("resumed_after_epoch").GetInt32());
            Assert.False(report.RootElement.GetProperty("stopped").GetBoolean());
        }

        Assert.Equal(File.ReadAllBytes(Weights(_uninterrupted)), File.ReadAllBytes(Weights(_interrupted)));
        Assert.Equal(ModelHash(_uninterrupted), ModelHash(_interrupted));
        Assert.Equal(History(_uninterrupted).Select(epoch => epoch.ToJsonString()), History(_interrupted).Select(epoch => epoch.ToJsonString()));
        Assert.Equal(Enumerable.Range(0, Epochs), History(_interrupted).Select(epoch => epoch["epoch"]!.GetValue<int>()));
    }

    private static void Prepare(SageMakerContainer container)
    {
        // Small batches make an epoch last long enough (about a second) to be killed in; a tenth of the labels
        // flipped keeps the losses from reaching zero, so that the histories compared say something.
        container.WriteHyperparameters(("num_epoch", Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("batch_size", "2"));
        var reviews = SyntheticReviews.Create(600, seed: 21)
            .Select((review, i) => i % 10 == 3 ? (review.Label == SyntheticReviews.Positive ? SyntheticReviews.Negative : SyntheticReviews.Positive, review.Text) : review);
        container.WriteChannelFile("train.csv", SyntheticReviews.ToCsv(reviews));
    }

    // Kills the run as soon as a checkpoint is committed (checkpoint.json is renamed into place whole, last), and
    // returns the epoch that checkpoint completed.
    private static async Task<(int Epoch, string Output)> KillAfterAnEpochAsync(SageMakerContainer container)
    {
        var checkpoint = Path.Combine(container.Paths.CheckpointDirectory, "checkpoint.json");
        using var child = HostTrainProcess.Start(container.Paths.Root, container.TemporaryDirectory);
        while (!File.Exists(checkpoint) && !child.HasExited)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }

        if (!child.HasExited)
        {
            child.Kill();
        }

        var (exitCode, output) = await child.WaitAsync();
        // 128 + SIGKILL: anything else means the run ended on its own, before it could be killed.
        Assert.True(exitCode == 137, "the training process was not killed: " + output);
        return (container.CheckpointEpoch(), output);
    }

    private static string Weights(SageMakerContainer container) => Path.Combine(container.Paths.ModelDirectory, BundleFiles.Weights);

    private static string ModelHash(SageMakerContainer container)
    {
        using var bundle = ModelBundle.Load(container.Paths.ModelDirectory);
        return bundle.ModelHash;
    }

    // Each epoch's losses, accuracy and learning rate; its duration differs from run to run.
    private static List<JsonObject> History(SageMakerContainer container)
    {
        using var report = container.ReadReport();
        var history = JsonNode.Parse(report.RootElement.GetProperty("history").GetRawText())!.AsArray();
        return history.Select(epoch =>
        {
            var copy = epoch!.DeepClone().AsObject();
            copy.Remove("seconds");
            return copy;
        }).ToList();
    }
}
