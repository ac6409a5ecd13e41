using GluonStyleText.Aws.Storage;

namespace GluonStyleText.Aws.Host.Batch;

/// <summary>The results of a batch prediction job.</summary>
/// <param name="Output">The output CSV file.</param>
/// <param name="ManifestLocation">The manifest, written after the output.</param>
/// <param name="Manifest">What the job (or, when <paramref name="Reused"/>, the earlier job) did.</param>
/// <param name="Reused">True when a complete output of the same input and model was already there and was kept.</param>
public sealed record BatchPredictionJobResult(S3Location Output, S3Location ManifestLocation, BatchPredictionJobManifest Manifest, bool Reused);
