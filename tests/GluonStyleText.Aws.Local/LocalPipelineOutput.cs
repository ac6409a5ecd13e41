using GluonStyleText.Aws.Batch;
using GluonStyleText.Aws.Host.Batch;
using GluonStyleText.Aws.Storage;

namespace GluonStyleText.Aws.Local;

/// <summary>The complete result of one upload to the local pipeline.</summary>
/// <param name="Output">The output CSV file in the results bucket.</param>
/// <param name="ManifestLocation">Its manifest in the results bucket.</param>
/// <param name="Manifest">The manifest's content.</param>
/// <param name="Job">The local Batch job that handled the (last) upload of the file.</param>
public sealed record LocalPipelineOutput(S3Location Output, S3Location ManifestLocation, BatchPredictionJobManifest Manifest, BatchJobStatus Job);
