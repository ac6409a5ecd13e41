namespace GluonStyleText.Samples.ClaimsDesk.Jobs;

/// <summary>A long run the browser follows by polling: its state, how far it is, and what went wrong in the clerk's words.</summary>
internal abstract class DeskJob
{
    private readonly CancellationTokenSource _cancellation = new();

    public string Id { get; } = Guid.NewGuid().ToString("N");

    public JobState State { get; private set; } = JobState.Running;

    /// <summary>Done so far, from 0 to 1.</summary>
    public double Fraction { get; protected set; }

    /// <summary>One line saying where the run is.</summary>
    public string Status { get; protected set; } = "Starting…";

    public string? Error { get; private set; }

    public CancellationToken CancellationToken => _cancellation.Token;

    public void Cancel() => _cancellation.Cancel();

    public void Complete(string status)
    {
        Status = status;
        Fraction = 1;
        State = JobState.Completed;
    }

    public void Fail(string error)
    {
        Error = error;
        Status = "Failed";
        State = JobState.Failed;
    }

    public void Cancelled(string status)
    {
        Status = status;
        State = JobState.Cancelled;
    }
}
