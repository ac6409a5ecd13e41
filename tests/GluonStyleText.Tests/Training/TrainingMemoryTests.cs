using System.Diagnostics;
using GluonStyleText.Models;
using GluonStyleText.Training;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Training;

[Collection(SerialTorchCollection.Name)]
public sealed class TrainingMemoryTests(ITestOutputHelper output)
{
    private const long MegaByte = 1024 * 1024;

    // A leak of even one tensor per step shows in the tensor counts; the memory tolerance only has
    // to catch native buffers that are freed late, so it is generous.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void HundredsOfStepsLeaveTensorCountAndMemoryFlat(bool cnn)
    {
        var options = ToyData.Options(cnn);
        options.EmbeddingSize = 64;
        options.Epochs = 3;
        options.BatchSize = 8;
        var data = ToyData.Separable(1000);
        using var model = TextClassifierModelFactory.Create(options);
        Snapshot? afterWarmUp = null, atEnd = null;
        int steps = 0;
        var progress = new SynchronousProgress<TrainingProgress>(report =>
        {
            steps++;
            if (report.Epoch == 1 && report.Batch == 1)
            {
                afterWarmUp = Snapshot.Take();
            }
            else if (report.Epoch == options.Epochs - 1 && report.Batch == report.BatchesPerEpoch)
            {
                atEnd = Snapshot.Take();
            }
        });

        new Trainer(options).Train(model, data, progress: progress);

        output.WriteLine($"{steps} steps; after warm-up {afterWarmUp}; at end {atEnd}");
        Assert.True(steps >= 300, $"only {steps} steps");
        Assert.Equal(afterWarmUp!.ThreadLiveTensors, atEnd!.ThreadLiveTensors);
        Assert.InRange(atEnd.LiveTensors - afterWarmUp.LiveTensors, -1000, 0);
        Assert.InRange(atEnd.PrivateBytes - afterWarmUp.PrivateBytes, long.MinValue, 100 * MegaByte);
    }

    private sealed record Snapshot(long ThreadLiveTensors, long LiveTensors, long PrivateBytes)
    {
        public static Snapshot Take()
        {
            // Tensors the code forgot to dispose stay in the thread's count whatever the GC does;
            // collecting first lets the process-wide count and the memory show only real growth.
            long threadLive = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var process = Process.GetCurrentProcess();
            return new Snapshot(threadLive, Tensor.TotalCount, process.PrivateMemorySize64);
        }

        public override string ToString() =>
            $"thread live tensors {ThreadLiveTensors}, live tensors {LiveTensors}, private {PrivateBytes / MegaByte} MB";
    }
}
