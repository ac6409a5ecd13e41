namespace GluonStyleText.Evaluation;

/// <summary>How far an evaluation is, reported after every batch.</summary>
/// <param name="TextsDone">Texts classified so far.</param>
/// <param name="TotalTexts">Texts to classify.</param>
public readonly record struct EvaluationProgress(int TextsDone, int TotalTexts)
{
    /// <summary>Share of the texts classified, in [0, 1].</summary>
    public double Fraction => TotalTexts > 0 ? (double)TextsDone / TotalTexts : 1.0;
}
