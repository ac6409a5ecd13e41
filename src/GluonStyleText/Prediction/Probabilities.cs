namespace GluonStyleText.Prediction;

/// <summary>Reading class probabilities: the one argmax that prediction and evaluation share, and the check that they are numbers.</summary>
internal static class Probabilities
{
    /// <summary>The most probable class id; the lowest id among ties, as torch's argmax.</summary>
    internal static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            best = values[i] > values[best] ? i : best;
        }

        return best;
    }

    /// <summary>Whether every value is a finite number (no NaN, no infinity).</summary>
    internal static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (var value in values)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
