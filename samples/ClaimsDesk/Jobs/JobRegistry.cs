using System.Collections.Concurrent;

namespace GluonStyleText.Samples.ClaimsDesk.Jobs;

/// <summary>The runs of this desk process, by generated id.</summary>
internal sealed class JobRegistry
{
    private readonly ConcurrentDictionary<string, DeskJob> _jobs = new(StringComparer.Ordinal);

    public T Add<T>(T job)
        where T : DeskJob
    {
        _jobs[job.Id] = job;
        return job;
    }

    public T? Find<T>(string? id)
        where T : DeskJob => id is not null && _jobs.TryGetValue(id, out var job) ? job as T : null;
}
