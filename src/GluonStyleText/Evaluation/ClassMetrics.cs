namespace GluonStyleText.Evaluation;

/// <summary>How well one class is recognised.</summary>
public sealed record ClassMetrics
{
    /// <summary>The class id.</summary>
    public required int ClassId { get; init; }

    /// <summary>Share of the texts predicted as this class that belong to it; 0 when none was predicted.</summary>
    public required double Precision { get; init; }

    /// <summary>Share of the texts of this class that were predicted as it; 0 when the class has no text.</summary>
    public required double Recall { get; init; }

    /// <summary>Harmonic mean of precision and recall; 0 when both are 0.</summary>
    public required double F1 { get; init; }

    /// <summary>Number of texts that belong to this class.</summary>
    public required int Support { get; init; }
}
