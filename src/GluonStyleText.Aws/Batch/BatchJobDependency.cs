namespace GluonStyleText.Aws.Batch;

/// <summary>A job that must succeed before the submitted job runs (SubmitJob's <c>dependsOn</c>).</summary>
/// <param name="JobId">The id of the job depended on (an array job's id stands for all its children).</param>
/// <param name="Type">
/// Null for the plain dependency: the job waits for the whole job, all children of an array job included.
/// <c>N_TO_N</c> or <c>SEQUENTIAL</c> are array-to-array dependencies (not used here, passed through).
/// </param>
public sealed record BatchJobDependency(string JobId, string? Type = null);
