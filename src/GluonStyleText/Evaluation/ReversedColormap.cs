using ScottPlot;

namespace GluonStyleText.Evaluation;

/// <summary>A colormap run backwards, so that a light-to-dark map can be used dark-for-high.</summary>
internal sealed class ReversedColormap(IColormap inner) : IColormap
{
    public string Name => $"{inner.Name} (reversed)";

    public Color GetColor(double position) => inner.GetColor(1 - position);
}
