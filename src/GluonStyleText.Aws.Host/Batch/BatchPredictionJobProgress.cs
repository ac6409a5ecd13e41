namespace GluonStyleText.Aws.Host.Batch;

/// <summary>Progress of a batch prediction job.</summary>
/// <param name="Stage">The current step.</param>
/// <param name="RowsDone">Rows classified so far (during and after <see cref="BatchPredictionJobStage.Predicting"/>).</param>
/// <param name="Fraction">Share of the current step done, in [0, 1]; for predicting, the share of the input read.</param>
public readonly record struct BatchPredictionJobProgress(BatchPredictionJobStage Stage, long RowsDone, double Fraction);
