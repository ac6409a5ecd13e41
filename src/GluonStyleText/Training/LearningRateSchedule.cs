namespace GluonStyleText.Training;

/// <summary>
/// The seed's learning-rate decay, applied after every epoch (epochs count from 0). Nothing changes
/// until the epoch number exceeds <c>epoch_factor</c>; after that, each epoch multiplies the
/// <em>current</em> rate by 0.9, or with <c>power_decay</c> by 0.1^floor(epoch / epoch_factor).
/// Because the power factor is applied to the already-decayed rate, it compounds: with
/// epoch_factor 2 and a start of 1, the rates after epochs 3, 4, 5 are 0.1, 0.001, 0.00001. That is
/// what the seed did, and is kept so that its configurations train the same way.
/// </summary>
public sealed class LearningRateSchedule
{
    private const double StepDecay = 0.9;
    private const double PowerBase = 0.1;

    /// <summary>Creates the schedule.</summary>
    /// <param name="powerDecay">The seed's <c>power_decay</c>.</param>
    /// <param name="epochFactor">The seed's <c>epoch_factor</c>, at least 1.</param>
    public LearningRateSchedule(bool powerDecay, int epochFactor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochFactor, 1);
        PowerDecay = powerDecay;
        EpochFactor = epochFactor;
    }

    /// <summary>Whether the power decay is used instead of the 0.9 step.</summary>
    public bool PowerDecay { get; }

    /// <summary>Epochs up to and including this one leave the rate unchanged; it also sets the power decay's interval.</summary>
    public int EpochFactor { get; }

    /// <summary>The rate for the next epoch, given the rate used in <paramref name="epoch"/> (counted from 0), which has just finished.</summary>
    /// <param name="currentRate">The rate used in the epoch that just finished.</param>
    /// <param name="epoch">The number of that epoch, from 0.</param>
    public double NextRate(double currentRate, int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (epoch <= EpochFactor)
        {
            return currentRate;
        }

        return PowerDecay
            ? currentRate * Math.Pow(PowerBase, epoch / EpochFactor)
            : currentRate * StepDecay;
    }
}
