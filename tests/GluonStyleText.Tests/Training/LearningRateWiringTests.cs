using GluonStyleText.Models;
using GluonStyleText.Options;
using GluonStyleText.Training;

namespace GluonStyleText.Tests.Training;

/// <summary>
/// The seed's decay as the trainer applies it, on both paths (Train and the refit's TrainAllEpochs):
/// the rate each epoch reports and records, and the rate both optimizers (dense and sparse Adam) hold
/// while the epoch's steps are taken. LearningRateScheduleTests pins the formula; this pins the wiring.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public sealed class LearningRateWiringTests
{
    private const double Start = 0.01;

    // epoch_factor 2: the rate is kept after epochs 0, 1 and 2, so epochs 0..3 use the start; after epoch 3 it is
    // multiplied by 0.9 (or 0.1^(3/2) = 0.1) and after epoch 4 by 0.9 again (or 0.1^(4/2) = 0.01).
    public static TheoryData<bool, double[]> Schedules => new()
    {
        { false, [Start, Start, Start, Start, Start * 0.9, Start * 0.9 * 0.9] },
        { true, [Start, Start, Start, Start, Start * 0.1, Start * 0.1 * 0.01] },
    };

    [Theory]
    [MemberData(nameof(Schedules))]
    public void EveryEpochOfTrainUsesTheScheduledRate(bool powerDecay, double[] expected)
    {
        var options = Options(powerDecay, expected.Length);
        var (training, validation) = ToyData.Separable(60).Split(0.25, seed: 1);
        var watch = new RateWatch();
        using var model = TextClassifierModelFactory.Create(options);

        var result = new Trainer(options) { OptimizerCreated = watch.Attach }.Train(model, training, validation, progress: watch);

        Assert.Equal(Enumerable.Range(0, expected.Length), result.History.Select(epoch => epoch.Epoch));
        AssertRates(expected, result.History.Select(epoch => epoch.LearningRate).ToArray(), "the history");
        watch.AssertEveryStepUsed(expected);
    }

    [Theory]
    [MemberData(nameof(Schedules))]
    public void EveryEpochOfTheRefitUsesTheScheduledRate(bool powerDecay, double[] expected)
    {
        var options = Options(powerDecay, expected.Length);
        var watch = new RateWatch();
        using var model = TextClassifierModelFactory.Create(options);

        var losses = new Trainer(options) { OptimizerCreated = watch.Attach }.TrainAllEpochs(model, ToyData.Separable(48), progress: watch);

        Assert.Equal(expected.Length, losses!.Count);
        watch.AssertEveryStepUsed(expected);
    }

    // Adam on the CNN: the embedding and bigram tables have sparse gradients, so both optimizers are watched.
    private static TextClassifierOptions Options(bool powerDecay, int epochs)
    {
        var options = ToyData.Options(cnn: true);
        options.Optimizer = "adam";
        options.BigramBuckets = 64;
        options.LearningRate = Start;
        options.PowerDecay = powerDecay;
        options.EpochFactor = 2;
        options.Epochs = epochs;
        return options;
    }

    private static void AssertRates(double[] expected, double[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} rates, expected {expected.Length}");
        for (int epoch = 0; epoch < expected.Length; epoch++)
        {
            Assert.True(Math.Abs(actual[epoch] - expected[epoch]) <= expected[epoch] * 1e-9,
                $"{what}: epoch {epoch} used learning rate {actual[epoch]:G6}, expected {expected[epoch]:G6} (all: {string.Join(", ", actual.Select(rate => rate.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))})");
        }
    }

    /// <summary>After every step: the epoch, the rate reported, and the rates the two optimizers then hold.</summary>
    private sealed class RateWatch : IProgress<TrainingProgress>
    {
        private readonly List<(int Epoch, double Reported, double Dense, double? Sparse)> _steps = [];
        private TrainingOptimizer? _optimizer;

        public void Attach(TrainingOptimizer created) => _optimizer = created;

        public void Report(TrainingProgress value)
        {
            Assert.NotNull(_optimizer);
            _steps.Add((value.Epoch, value.LearningRate, OptimizerFactory.GetLearningRate(_optimizer.Dense), _optimizer.Sparse?.LearningRate));
        }

        public void AssertEveryStepUsed(double[] expected)
        {
            Assert.NotNull(_optimizer?.Sparse);
            var epochs = _steps.GroupBy(step => step.Epoch).OrderBy(group => group.Key).ToArray();
            Assert.Equal(Enumerable.Range(0, expected.Length), epochs.Select(group => group.Key));
            foreach (var group in epochs)
            {
                Assert.True(group.Count() >= 2, $"epoch {group.Key} took {group.Count()} steps");
            }

            AssertRates(expected, PerEpoch(epochs, step => step.Reported), "the progress reports");
            AssertRates(expected, PerEpoch(epochs, step => step.Dense), "the dense optimizer");
            AssertRates(expected, PerEpoch(epochs, step => step.Sparse!.Value), "the sparse tables' optimizer");
        }

        // One rate per epoch; a rate that changed within an epoch is a failure of its own.
        private static double[] PerEpoch(IEnumerable<IGrouping<int, (int Epoch, double Reported, double Dense, double? Sparse)>> epochs, Func<(int Epoch, double Reported, double Dense, double? Sparse), double> rate) =>
            epochs.Select(group =>
            {
                var rates = group.Select(rate).Distinct().ToArray();
                Assert.True(rates.Length == 1, $"epoch {group.Key} used several rates: {string.Join(", ", rates)}");
                return rates[0];
            }).ToArray();
    }
}
