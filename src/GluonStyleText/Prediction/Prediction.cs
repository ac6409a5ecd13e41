namespace GluonStyleText.Prediction;

/// <summary>The classifier's answer for one text.</summary>
/// <param name="Label">The most probable label.</param>
/// <param name="ClassId">The most probable class id.</param>
/// <param name="Probability">Its probability.</param>
/// <param name="Probabilities">Every class's probability, indexed by class id.</param>
/// <param name="Labels">Every class's label, indexed by class id.</param>
public sealed record Prediction(string Label, int ClassId, float Probability, IReadOnlyList<float> Probabilities, IReadOnlyList<string> Labels)
{
    /// <summary>
    /// The <paramref name="k"/> most probable labels with their probabilities, most probable first
    /// (ties in class-id order); every class when <paramref name="k"/> is larger than their number.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1.</exception>
    public IReadOnlyList<(string Label, float Probability)> TopK(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return Enumerable.Range(0, Probabilities.Count)
            .OrderByDescending(i => Probabilities[i]).ThenBy(i => i)
            .Take(k)
            .Select(i => (Labels[i], Probabilities[i]))
            .ToList();
    }
}
