namespace GluonStyleText.Samples.Tests;

/// <summary>
/// Keeps every report, synchronously (Progress&lt;T&gt; would post them to the thread pool, so a test
/// could look before they arrive), and can run an action on each.
/// </summary>
internal sealed class RecordingProgress<T>(Action<T>? onReport = null) : IProgress<T>
{
    private readonly List<T> _reports = [];

    public IReadOnlyList<T> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(T value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }

        onReport?.Invoke(value);
    }
}
