namespace GluonStyleText.Tests.Training;

/// <summary>Calls back on the reporting thread, unlike <see cref="Progress{T}"/>, so tests see every report in order.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
