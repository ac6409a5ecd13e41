namespace GluonStyleText.Samples.ClaimsDesk.Jobs;

/// <summary>
/// Calls back on the reporting thread. <see cref="Progress{T}"/> posts to the thread pool, so the last report
/// of a run could land after the run has completed and overwrite the final status.
/// </summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
