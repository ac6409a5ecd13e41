using System.Diagnostics;
using GluonStyleText.Evaluation;
using GluonStyleText.Models;
using GluonStyleText.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GluonStyleText.Training;

/// <summary>
/// Trains a classifier on encoded texts as the options say: seeded split, shuffled batches, cross
/// entropy, the optimizer by name, gradient clipping, validation after every epoch, the seed's
/// learning-rate decay, the best-validation weights kept, optional early stopping, end-of-epoch
/// checkpoints that a later run can resume from, and cancellation that keeps the best model.
/// </summary>
internal sealed class Trainer
{
    /// <summary>Gradient-norm limit for the LSTM when the options set none; LSTMs are prone to exploding gradients.</summary>
    public const double DefaultLstmGradientNorm = 5.0;

    private readonly TextClassifierOptions _options;
    private readonly ILogger _logger;

    /// <summary>Weight of each class in the training loss (class_weights); null weighs every text alike.</summary>
    internal float[]? ClassWeights { get; init; }

    /// <summary>Told the optimizer of each run (either path) once it is created: a seam for tests that watch its rate and gradients.</summary>
    internal Action<TrainingOptimizer>? OptimizerCreated { get; init; }

    /// <summary>Creates a trainer.</summary>
    /// <param name="options">Training options (epochs, batch size, optimizer, learning rate and decay, seed, device, ...).</param>
    /// <param name="logger">Receives progress every <c>train_log_interval</c> batches and after every epoch.</param>
    public Trainer(TextClassifierOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this._options = options;
        this._logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Trains <paramref name="model"/> in place (moving it to the options' device) and leaves it in
    /// evaluation mode holding the weights of the epoch with the lowest validation loss.
    /// </summary>
    /// <param name="model">A classifier from <see cref="TextClassifierModelFactory"/> (or any module mapping token ids to logits).</param>
    /// <param name="data">Training texts; when <paramref name="validation"/> is null, <c>validation_fraction</c> of them are held out (seeded by <c>seed</c>).</param>
    /// <param name="validation">Validation texts, or null to split them off <paramref name="data"/>.</param>
    /// <param name="checkpointDirectory">Where to write a checkpoint after every epoch; null writes none.</param>
    /// <param name="resumeFrom">A checkpoint directory to continue from (its next epoch); null starts afresh.</param>
    /// <param name="progress">Told after every batch.</param>
    /// <param name="cancellationToken">Checked before every batch; cancelling ends the run with the best weights so far and <see cref="TrainingResult.Cancelled"/> set, without throwing.</param>
    /// <exception cref="ArgumentException">A class id or token id is out of range, or the data cannot be split.</exception>
    /// <exception cref="FileNotFoundException">The checkpoint to resume from does not exist.</exception>
    /// <exception cref="NonFiniteNumbersException">A training loss became NaN or infinite; the message names the epoch and batch.</exception>
    public TrainingResult Train(
        nn.Module<Tensor, Tensor> model,
        EncodedDataset data,
        EncodedDataset? validation = null,
        string? checkpointDirectory = null,
        string? resumeFrom = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var (training, held) = validation is null ? data.Split(_options.ValidationFraction, _options.Seed) : (data, validation);
        CheckIds(training);
        CheckIds(held);

        var device = PrepareModel(model);
        using var optimizer = TrainingOptimizer.Create(_options.Optimizer, model, _options.LearningRate, _options.WeightDecay);
        OptimizerCreated?.Invoke(optimizer);
        using var state = new TrainingState { LearningRate = _options.LearningRate };
        if (resumeFrom is not null)
        {
            var checkpoint = TrainingCheckpoint.Read(resumeFrom);
            checkpoint.Restore(resumeFrom, state, model, optimizer, _options.Optimizer);
            TrainerLog.Resuming(_logger, resumeFrom, checkpoint.CompletedEpoch);
        }

        var run = new EpochRunner(this, model, optimizer, training, device, progress, cancellationToken);
        TrainerLog.Started(_logger, model.GetName(), training.Count, held.Count, device.ToString(),
            state.NextEpoch, _options.Epochs - 1, run.BatchesPerEpoch, _options.BatchSize, _options.Optimizer);

        bool cancelled = false;
        while (state.NextEpoch < _options.Epochs && !state.StoppedEarly)
        {
            int epoch = state.NextEpoch;
            var stopwatch = Stopwatch.StartNew();
            double? trainingLoss = run.TrainEpoch(epoch, state.LearningRate);
            var metrics = trainingLoss is null ? null : EvaluateUnlessCancelled(model, held, cancellationToken);
            if (metrics is null)
            {
                cancelled = true;
                TrainerLog.Cancelled(_logger, epoch, state.BestEpoch?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
                break;
            }

            CompleteEpoch(state, model, epoch, trainingLoss!.Value, metrics, stopwatch.Elapsed.TotalSeconds);
            if (checkpointDirectory is not null)
            {
                TrainingCheckpoint.Write(checkpointDirectory, state, model, optimizer, _options.Optimizer, _options.Seed);
            }
        }

        return Finish(state, model, cancelled);
    }

    /// <summary>
    /// Trains <paramref name="model"/> on every text of <paramref name="data"/> for exactly <c>num_epoch</c>
    /// epochs, with no validation, and leaves it in evaluation mode with the last epoch's weights: the
    /// refit after <see cref="Train"/> has chosen the number of epochs on held-out texts.
    /// </summary>
    /// <param name="model">A freshly initialised classifier.</param>
    /// <param name="data">All the training texts.</param>
    /// <param name="progress">Told after every batch.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <returns>The mean training loss of each epoch; null when cancelled (the model is then only partly trained).</returns>
    public IReadOnlyList<double>? TrainAllEpochs(
        nn.Module<Tensor, Tensor> model,
        EncodedDataset data,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        CheckIds(data);
        var device = PrepareModel(model);
        using var optimizer = TrainingOptimizer.Create(_options.Optimizer, model, _options.LearningRate, _options.WeightDecay);
        OptimizerCreated?.Invoke(optimizer);
        var run = new EpochRunner(this, model, optimizer, data, device, progress, cancellationToken);
        TrainerLog.Refitting(_logger, model.GetName(), data.Count, _options.Epochs);

        var losses = new List<double>();
        var schedule = new LearningRateSchedule(_options.PowerDecay, _options.EpochFactor);
        double learningRate = _options.LearningRate;
        for (int epoch = 0; epoch < _options.Epochs; epoch++)
        {
            if (run.TrainEpoch(epoch, learningRate) is not { } loss)
            {
                return null;
            }

            losses.Add(loss);
            TrainerLog.RefitEpochDone(_logger, epoch, loss, learningRate);
            learningRate = schedule.NextRate(learningRate, epoch);
        }

        model.eval();
        return losses;
    }

    /// <summary>Gradient-norm limit applied to <paramref name="model"/>: the option when set, else 5 for the LSTM and none for the CNN.</summary>
    /// <param name="model">The model being trained.</param>
    public double GradientNormLimit(nn.Module model) =>
        _options.MaxGradientNorm > 0 ? _options.MaxGradientNorm
        : model is BiLstmClassifier ? DefaultLstmGradientNorm
        : 0;

    /// <summary>
    /// The seed of epoch <paramref name="epoch"/>'s shuffle and dropout. Deriving it from the run's
    /// seed, rather than carrying a generator along, is what lets a resumed run continue exactly.
    /// </summary>
    internal static int EpochSeed(int seed, int epoch)
    {
        // SplitMix64's finaliser: neighbouring (seed, epoch) pairs get unrelated seeds.
        ulong mixed = ((ulong)(uint)seed << 32 | (uint)epoch) + 0x9E3779B97F4A7C15UL;
        mixed = (mixed ^ (mixed >> 30)) * 0xBF58476D1CE4E5B9UL;
        mixed = (mixed ^ (mixed >> 27)) * 0x94D049BB133111EBUL;
        mixed ^= mixed >> 31;
        return (int)(mixed & int.MaxValue);
    }

    // Threads and device as the options say; TrainingOptimizer leaves frozen parameters (a fixed embedding) out.
    private Device PrepareModel(nn.Module model)
    {
        if (_options.Threads > 0)
        {
            set_num_threads(_options.Threads);
        }

        var device = DeviceSelector.Resolve(_options.Device);
        model.to(device);
        return device;
    }

    private void CheckIds(EncodedDataset dataset)
    {
        dataset.CheckClassIds(_options.NumberOfClasses);
        dataset.CheckTokenIds(_options.VocabularySize);
    }

    private ClassificationMetrics? EvaluateUnlessCancelled(nn.Module<Tensor, Tensor> model, EncodedDataset held, CancellationToken cancellationToken)
    {
        try
        {
            return Evaluator.Evaluate(model, held, _options.BatchSize, ClassWeights, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private void CompleteEpoch(TrainingState state, nn.Module model, int epoch, double trainingLoss, ClassificationMetrics metrics, double seconds)
    {
        state.History.Add(new EpochSummary
        {
            Epoch = epoch,
            TrainingLoss = trainingLoss,
            ValidationLoss = metrics.MeanLoss,
            ValidationAccuracy = metrics.Accuracy,
            LearningRate = state.LearningRate,
            Seconds = seconds,
        });
        TrainerLog.EpochDone(_logger, epoch, trainingLoss, metrics.MeanLoss, metrics.Accuracy, state.LearningRate, seconds);

        if (state.BestMetrics is null || metrics.MeanLoss < state.BestMetrics.MeanLoss)
        {
            state.BestEpoch = epoch;
            state.BestMetrics = metrics;
            state.EpochsWithoutImprovement = 0;
            state.RememberBestWeights(model);
        }
        else
        {
            state.EpochsWithoutImprovement++;
        }

        if (_options.EarlyStoppingPatience > 0 && state.EpochsWithoutImprovement >= _options.EarlyStoppingPatience && epoch + 1 < _options.Epochs)
        {
            state.StoppedEarly = true;
            TrainerLog.StoppedEarly(_logger, _options.EarlyStoppingPatience);
        }

        state.LearningRate = new LearningRateSchedule(_options.PowerDecay, _options.EpochFactor).NextRate(state.LearningRate, epoch);
        state.NextEpoch = epoch + 1;
    }

    private TrainingResult Finish(TrainingState state, nn.Module model, bool cancelled)
    {
        state.RestoreBestWeights(model);
        model.eval();
        if (state.BestEpoch is { } best && state.BestMetrics is { } metrics)
        {
            TrainerLog.RestoredBest(_logger, best, metrics.MeanLoss, metrics.Accuracy);
        }

        return new TrainingResult
        {
            History = [.. state.History],
            BestEpoch = state.BestEpoch,
            BestValidationMetrics = state.BestMetrics,
            Cancelled = cancelled,
            StoppedEarly = state.StoppedEarly,
        };
    }

    /// <summary>Runs the training batches of one epoch at a time.</summary>
    private sealed class EpochRunner(
        Trainer trainer,
        nn.Module<Tensor, Tensor> model,
        TrainingOptimizer optimizer,
        EncodedDataset training,
        Device device,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        private readonly TextClassifierOptions _options = trainer._options;
        private readonly double _gradientNormLimit = trainer.GradientNormLimit(model);
        private readonly Stopwatch _runClock = new();
        private readonly UnknownWordDropout? _wordDropout = UnknownWordDropout.Create(training, trainer._options.VocabularySize, trainer._options.UnknownWordDropout ?? 0, trainer._options.Seed);
        private long _runBatches;

        public int BatchesPerEpoch { get; } = (training.Count + trainer._options.BatchSize - 1) / trainer._options.BatchSize;

        /// <summary>The epoch's mean training loss, or null when cancelled.</summary>
        public double? TrainEpoch(int epoch, double learningRate)
        {
            int epochSeed = EpochSeed(_options.Seed, epoch);
            torch.manual_seed(epochSeed);
            int[][] batches = LengthBucketedOrder.Create(training.Lengths.Span, _options.BatchSize, epochSeed);

            optimizer.SetLearningRate(learningRate);
            model.train();
            _runClock.Start();
            var epochClock = Stopwatch.StartNew();
            double epochLossSum = 0, intervalLossSum = 0;
            int intervalBatches = 0, examplesDone = 0;
            for (int batch = 0; batch < BatchesPerEpoch; batch++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    _runClock.Stop();
                    return null;
                }

                int[] rows = batches[batch];
                double loss = Step(rows, epoch, batch);
                NativeMemory.TrimIfGrown();

                examplesDone += rows.Length;
                epochLossSum += loss;
                intervalLossSum += loss;
                intervalBatches++;
                _runBatches++;

                double examplesPerSecond = examplesDone / Math.Max(epochClock.Elapsed.TotalSeconds, 1e-9);
                if (intervalBatches == _options.TrainLogInterval || batch == BatchesPerEpoch - 1)
                {
                    double meanLoss = intervalLossSum / intervalBatches;
                    TrainerLog.BatchesDone(trainer._logger, epoch, batch + 1, BatchesPerEpoch, meanLoss, Math.Exp(meanLoss), examplesPerSecond);
                    intervalLossSum = 0;
                    intervalBatches = 0;
                }

                progress?.Report(new TrainingProgress
                {
                    Epoch = epoch,
                    Epochs = _options.Epochs,
                    Batch = batch + 1,
                    BatchesPerEpoch = BatchesPerEpoch,
                    Loss = loss,
                    ExamplesPerSecond = examplesPerSecond,
                    LearningRate = learningRate,
                    EstimatedTimeRemaining = EstimateRemaining(epoch, batch),
                });
            }

            _runClock.Stop();
            return epochLossSum / BatchesPerEpoch;
        }

        // Only the scalar loss leaves the dispose scope, so native memory stays flat across steps.
        private double Step(int[] rows, int epoch, int batch)
        {
            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            var (inputs, targets) = Batches.ToTensors(training, rows, device, _wordDropout);
            var loss = nn.functional.cross_entropy(model.call(inputs), targets, weight: trainer.ClassWeights is { } weights ? tensor(weights, device: device) : null);
            float value = loss.item<float>();
            // Checked before the update: a NaN loss's gradients would make every weight NaN, and the run would go on
            // to report and save a model that answers NaN. The epoch's checkpoint and best weights stay as they were.
            if (!float.IsFinite(value))
            {
                throw new NonFiniteNumbersException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"The training loss became {value} in epoch {epoch + 1} of {_options.Epochs}, batch {batch + 1} of {BatchesPerEpoch}; training stopped (the last checkpoint, if any, is that of the last complete epoch). {NonFiniteNumbersException.Advice}"));
            }

            loss.backward();
            optimizer.Step(_gradientNormLimit);
            return value;
        }

        private TimeSpan EstimateRemaining(int epoch, int batch)
        {
            long remaining = ((long)(_options.Epochs - epoch - 1) * BatchesPerEpoch) + (BatchesPerEpoch - batch - 1);
            return TimeSpan.FromTicks(_runClock.Elapsed.Ticks / _runBatches * remaining);
        }
    }
}
