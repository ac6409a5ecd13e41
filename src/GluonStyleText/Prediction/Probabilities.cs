namespace GluonStyleText.Prediction;

/// <summary>Reading class probabilities: the one argmax that prediction and evaluation share.</summary>
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
}
