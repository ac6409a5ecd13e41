namespace GluonStyleText.Aws.Batch;

/// <summary>
/// The three steps of a sharded prediction, as the Lambda submits them with the shard job definition (whose command is
/// <c>Ref::step --bucket Ref::bucket --key Ref::key --etag Ref::etag --run Ref::run --shards Ref::shards --attempts Ref::attempts</c>)
/// and as the container's host runs them.
/// </summary>
internal static class ShardedJobSteps
{
    /// <summary>The parameter naming the host command to run.</summary>
    public const string StepParameter = "step";

    /// <summary>The parameter naming the run: one submission's work prefix, so that a duplicate event's run never shares files with another.</summary>
    public const string RunParameter = "run";

    /// <summary>The parameter with the array size the plan must fit in.</summary>
    public const string ShardsParameter = "shards";

    /// <summary>The parameter with the attempts of the retry strategy, so that a child knows its last attempt.</summary>
    public const string AttemptsParameter = "attempts";

    /// <summary>Scans the upload once and writes the shard plan.</summary>
    public const string Plan = "plan";

    /// <summary>One child of the array job: classifies the shard of its <c>AWS_BATCH_JOB_ARRAY_INDEX</c>.</summary>
    public const string PredictShard = "predict-shard";

    /// <summary>Joins the shards' outputs into the output object with one multipart upload and writes the manifest.</summary>
    public const string Assemble = "assemble";
}
