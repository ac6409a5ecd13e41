namespace GluonStyleText.Aws.Local;

/// <summary>How <see cref="LocalPipeline"/> runs the AWS prediction pipeline on one machine.</summary>
public sealed class LocalPipelineOptions
{
    /// <summary>The model bundle to classify with: a bundle folder, a <c>.zip</c> bundle, or a SageMaker <c>model.tar.gz</c> (any name ending in <c>.tar.gz</c>). Required.</summary>
    public string BundlePath { get; set; } = "";

    /// <summary>A running local S3 server to use (not disposed by the pipeline); null starts one with <see cref="ServerOptions"/>.</summary>
    public LocalS3Server? Server { get; set; }

    /// <summary>How to start the local S3 server when <see cref="Server"/> is null; null for the defaults.</summary>
    public LocalS3ServerOptions? ServerOptions { get; set; }

    /// <summary>The bucket whose <c>.csv</c> uploads are classified. Default <c>predict</c>.</summary>
    public string PredictBucket { get; set; } = "predict";

    /// <summary>The bucket results are written to. Default <c>results</c>.</summary>
    public string ResultsBucket { get; set; } = "results";

    /// <summary>The bucket the model bundle is uploaded to. Default <c>models</c>.</summary>
    public string ModelsBucket { get; set; } = "models";

    /// <summary>The key prefix of the bundle in <see cref="ModelsBucket"/> (the stack's <c>ModelPrefix</c>). Default <c>bundles/current/</c>.</summary>
    public string ModelPrefix { get; set; } = "bundles/current/";

    /// <summary>Folder for the jobs' downloads and model cache; null uses a temporary folder deleted on dispose.</summary>
    public string? WorkDirectory { get; set; }

    /// <summary>CPU threads per prediction job; null for one per processor.</summary>
    public int? Threads { get; set; }

    /// <summary>Jobs run at the same time (a sharded upload's children run side by side up to this). Default 2.</summary>
    public int JobConcurrency { get; set; } = 2;

    /// <summary>
    /// When and how the Lambda handler shards large uploads (its job definition is run as the shard steps); null
    /// gives every upload one job.
    /// </summary>
    public GluonStyleText.Aws.Lambda.ShardingSettings? Sharding { get; set; }

    /// <summary>Rows per forward pass of every job; the shards' row alignment is 16 times this. Default 64.</summary>
    public int BatchSize { get; set; } = GluonStyleText.Prediction.TextClassifier.DefaultBatchSize;

    /// <summary>The job queue name the Lambda handler submits to. Default <c>local-predict</c>.</summary>
    public string JobQueue { get; set; } = "local-predict";

    /// <summary>The job definition name the Lambda handler submits with. Default <c>local-predict</c>.</summary>
    public string JobDefinition { get; set; } = "local-predict";

    /// <summary>
    /// Deliveries of an S3 event to the Lambda handler before it moves to the dead-letter queue
    /// (<see cref="LocalPipeline.DeadLetters"/>). Default 5, the stack's <c>UploadMaxReceiveCount</c>.
    /// </summary>
    public int MaxReceiveCount { get; set; } = 5;

    /// <summary>
    /// How long a failed delivery waits before the next one. Default 1 s; the stack's queue waits
    /// its visibility timeout (180 s), which is too long for a local run.
    /// </summary>
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The S3 client the prediction jobs use (not disposed by the pipeline); null for the
    /// pipeline's own. Tests pass one that records every call the job makes.
    /// </summary>
    internal Amazon.S3.IAmazonS3? JobClient { get; set; }

    /// <summary>
    /// Builds what the Lambda handler submits to from the local job runner; null submits to the
    /// runner directly. Tests put the real Batch JSON client in between.
    /// </summary>
    internal Func<LocalBatchJobs, Batch.IBatchJobs>? HandlerBatchJobs { get; set; }

    /// <summary>
    /// Test-only: told each progress report of an array child (index, attempt, report) inside the child's own code, so
    /// that a test can make an attempt fail (by throwing) where a real failure would arise.
    /// </summary>
    internal Action<int, int, Host.Batch.BatchPredictionJobProgress>? OnShardProgress { get; set; }
}
