namespace GluonStyleText.Training;

/// <summary>
/// Runs a long, CPU-bound operation (training, evaluation) on a thread of its own, so that the async methods
/// never block their caller and never hold a thread-pool thread for minutes, which would starve a web server.
/// </summary>
internal static class LongRunningWork
{
    internal static Task<T> Run<T>(Func<T> work, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
