namespace GluonStyleText.Samples.Tests;

/// <summary>
/// Keeps every report, synchronously (Progress&lt;T&gt; would post them to the thread pool, so a test
/// could look before they arrive), and can run an action on each.
/// </summary>
internal sealed class RecordingProgress<T>(Action<T>? onReport = null) : IProgress<T>
{
    private readonly List<T> reports = [];

    public IReadOnlyList<T> Reports
    {
        get
        {
            lock (reports)
            {
                return [.. reports];
            }
        }
    }

    public void Report(T value)
    {
        lock (reports)
        {
            reports.Add(value);
        }

        onReport?.Invoke(value);
    }
}
