using GluonStyleText.Training;

namespace GluonStyleText.Tests.Training;

public sealed class LearningRateScheduleTests
{
    // Each row: the rate used in epochs 0, 1, 2, ... when the first epoch uses 1.0.
    [Theory]
    [InlineData(false, 2, new[] { 1.0, 1.0, 1.0, 1.0, 0.9, 0.81, 0.729, 0.6561 })]
    [InlineData(false, 1, new[] { 1.0, 1.0, 1.0, 0.9, 0.81, 0.729 })]
    [InlineData(false, 4, new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.9, 0.81 })]
    [InlineData(true, 2, new[] { 1.0, 1.0, 1.0, 1.0, 1e-1, 1e-3, 1e-5, 1e-8 })]
    [InlineData(true, 1, new[] { 1.0, 1.0, 1.0, 1e-2, 1e-5, 1e-9 })]
    [InlineData(true, 3, new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1e-1, 1e-2, 1e-4, 1e-6 })]
    public void RatesCompoundEpochByEpochAsInTheSeed(bool powerDecay, int epochFactor, double[] expectedRates)
    {
        var schedule = new LearningRateSchedule(powerDecay, epochFactor);
        double rate = expectedRates[0];
        for (int epoch = 0; epoch + 1 < expectedRates.Length; epoch++)
        {
            rate = schedule.NextRate(rate, epoch);
            Assert.Equal(expectedRates[epoch + 1], rate, tolerance: expectedRates[epoch + 1] * 1e-9);
        }
    }

    [Fact]
    public void ScalesWhateverTheCurrentRateIs()
    {
        var schedule = new LearningRateSchedule(powerDecay: false, epochFactor: 2);

        Assert.Equal(0.0009, schedule.NextRate(0.001, epoch: 3), tolerance: 1e-15);
        Assert.Equal(0.001, schedule.NextRate(0.001, epoch: 2));
    }

    [Fact]
    public void EpochFactorBelowOneIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateSchedule(powerDecay: true, epochFactor: 0));
    }
}
