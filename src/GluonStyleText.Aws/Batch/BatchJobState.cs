namespace GluonStyleText.Aws.Batch;

/// <summary>The life-cycle state of an AWS Batch job (the API's <c>JobStatus</c>).</summary>
public enum BatchJobState
{
    /// <summary>A state this version of the library does not know; see <see cref="BatchJobStatus.RawStatus"/>.</summary>
    Unknown = 0,

    /// <summary>Accepted by the queue, not yet evaluated.</summary>
    Submitted,

    /// <summary>Waiting for jobs it depends on.</summary>
    Pending,

    /// <summary>Ready to run, waiting for compute capacity.</summary>
    Runnable,

    /// <summary>Placed on a host; the container is starting.</summary>
    Starting,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Finished with exit code 0.</summary>
    Succeeded,

    /// <summary>Finished unsuccessfully, was cancelled or terminated, or used up its attempts.</summary>
    Failed,
}
