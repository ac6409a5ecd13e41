using System.Globalization;
using GluonStyleText.Training;

namespace GluonStyleText.Cli.ConsoleUi;

/// <summary>
/// Shows training progress like fastText: <c>Epoch 2/3  45.2%  batch 140/313  loss 0.3121  lr 0.001000  312 ex/s  ETA 0h01m12s</c>.
/// The percentage and ETA are of the whole run; the loss is the mean over the epoch so far, which is
/// steadier than one batch's.
/// </summary>
internal sealed class TrainingProgressReporter(ProgressLine line) : IProgress<TrainingProgress>
{
    private readonly object _gate = new();
    private int _epoch = -1;
    private double _lossSum;
    private int _lossCount;

    public void Report(TrainingProgress value)
    {
        string text;
        lock (_gate)
        {
            if (value.Epoch != _epoch)
            {
                _epoch = value.Epoch;
                _lossSum = 0;
                _lossCount = 0;
            }

            _lossSum += value.Loss;
            _lossCount++;
            text = Describe(value, _lossSum / _lossCount);
        }

        // The end of an epoch is always shown, so that plain logs have one line per epoch at least.
        var lastBatch = value.Batch == value.BatchesPerEpoch;
        line.Update(text, force: lastBatch);
        if (lastBatch)
        {
            line.Complete();
        }
    }

    /// <summary>The progress text for <paramref name="value"/> with <paramref name="meanLoss"/> as the loss.</summary>
    public static string Describe(TrainingProgress value, double meanLoss)
    {
        var batchesDone = ((long)value.Epoch * value.BatchesPerEpoch) + value.Batch;
        var totalBatches = (long)value.Epochs * value.BatchesPerEpoch;
        var percent = 100.0 * batchesDone / Math.Max(1, totalBatches);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Epoch {value.Epoch + 1}/{value.Epochs}  {percent,5:0.0}%  batch {value.Batch}/{value.BatchesPerEpoch}  loss {meanLoss:0.0000}  lr {value.LearningRate:0.000000}  {value.ExamplesPerSecond:0} ex/s  ETA {DurationText.Clock(value.EstimatedTimeRemaining)}");
    }
}
