using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace GluonStyleText.Prediction;

/// <summary>
/// The one thread on which a classifier runs its forward passes. libtorch allocates every tensor with malloc, and
/// glibc gives each thread that allocates a heap (arena) of its own, up to 8 per core: when the passes ran on
/// whichever thread-pool thread an async caller resumed on, each of those threads grew its own heap, and classifying
/// IMDB's test.csv peaked at 1.5-1.7 GB; on one thread (with TextCnn's in-place ReLU and mask) 0.70-0.74 GB, at the
/// same speed. One thread
/// also serialises the passes, as a module's native state is not guaranteed to be re-entrant.
/// </summary>
internal sealed class ForwardPassThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread _thread;

    internal ForwardPassThread()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "GluonStyleText forward passes" };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> on the thread and waits for it; its exception, if any, is rethrown here.</summary>
    /// <exception cref="ObjectDisposedException">The thread has been stopped.</exception>
    internal T Invoke<T>(Func<T> work)
    {
        if (Environment.CurrentManagedThreadId == _thread.ManagedThreadId)
        {
            return work();
        }

        T? result = default;
        ExceptionDispatchInfo? error = null;
        using var done = new ManualResetEventSlim();
        try
        {
            _work.Add(() =>
            {
                try
                {
                    result = work();
                }
                catch (Exception e)
                {
                    error = ExceptionDispatchInfo.Capture(e);
                }
                finally
                {
                    done.Set();
                }
            });
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            throw new ObjectDisposedException(nameof(TextClassifier), "The classifier has been disposed.");
        }

        done.Wait();
        error?.Throw();
        return result!;
    }

    /// <summary>Lets the work already queued finish, then ends the thread.</summary>
    public void Dispose()
    {
        if (_work.IsAddingCompleted)
        {
            return;
        }

        _work.CompleteAdding();
        if (Environment.CurrentManagedThreadId != _thread.ManagedThreadId)
        {
            _thread.Join();
        }
    }

    private void Run()
    {
        foreach (var item in _work.GetConsumingEnumerable())
        {
            item();
        }
    }
}
