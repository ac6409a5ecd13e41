namespace GluonStyleText.Tests.Text;

/// <summary>Reports on the calling thread, unlike <see cref="Progress{T}"/>, so that a test sees every report before it asserts.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly object _gate = new();

    public void Report(T value)
    {
        lock (_gate)
        {
            report(value);
        }
    }
}
