using GluonStyleText.Options;

namespace GluonStyleText.Training;

/// <summary>The class weights of the training loss that <c>class_weights</c> asks for.</summary>
internal static class ClassWeights
{
    /// <summary>
    /// The weights for <paramref name="mode"/>: null for <c>none</c>; for <c>balanced</c>, each class's weight is
    /// texts / (classes x texts of the class), as scikit-learn's, so that every class weighs as much in the loss as
    /// if all were equally common. A class without training texts gets 1 (no text ever uses it).
    /// </summary>
    /// <param name="mode">A <see cref="ClassWeightModes"/> value.</param>
    /// <param name="labels">The class ids of the training texts (the part the loss is computed on).</param>
    /// <param name="classes">The number of classes.</param>
    public static float[]? For(string mode, ReadOnlySpan<int> labels, int classes)
    {
        if (!string.Equals(mode, ClassWeightModes.Balanced, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var counts = new long[classes];
        foreach (int label in labels)
        {
            counts[label]++;
        }

        var weights = new float[classes];
        for (int c = 0; c < classes; c++)
        {
            weights[c] = counts[c] == 0 ? 1f : (float)((double)labels.Length / ((double)classes * counts[c]));
        }

        return weights;
    }
}
