using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using GluonStyleText.Aws.Batch;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GluonStyleText.Aws.Local;

/// <summary>
/// An in-process stand-in for an AWS Batch job queue: submitted jobs wait in a queue and are run
/// by a fixed number of workers, each by calling the "job definition" given to the constructor
/// with the job's request (as a container receives its parameters). Jobs move through
/// <c>SUBMITTED</c>, <c>RUNNING</c> and <c>SUCCEEDED</c> or <c>FAILED</c>, with the reason and
/// times that <see cref="DescribeJobsAsync"/> reports as AWS Batch would. A failed attempt is
/// retried while the request's <see cref="BatchJobRequest.RetryAttempts"/> allow. As in AWS Batch, a job with
/// <see cref="BatchJobRequest.DependsOn"/> is queued only once its dependencies have succeeded, and fails without running
/// when one of them fails; an array job (<see cref="BatchJobRequest.ArraySize"/>) is a parent whose children are queued
/// as separate jobs (<c>id:index</c>) and which succeeds when all of them have. Each attempt receives
/// <c>AWS_BATCH_JOB_ID</c>, <c>AWS_BATCH_JOB_ATTEMPT</c> and, for a child, <c>AWS_BATCH_JOB_ARRAY_INDEX</c> in its
/// request's environment, as a container gets them.
/// </summary>
public sealed partial class LocalBatchJobs : IBatchJobs, IAsyncDisposable
{
    private readonly Func<BatchJobRequest, CancellationToken, Task> _runJob;
    private readonly ILogger _logger;
    private readonly Channel<LocalJob> _queue = Channel.CreateUnbounded<LocalJob>();
    private readonly ConcurrentDictionary<string, LocalJob> _jobs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _workers;
    private long _submitted;
    private int _disposed;

    /// <summary>Starts the workers.</summary>
    /// <param name="runJob">Runs one attempt of a job; a job fails when this throws.</param>
    /// <param name="concurrency">Jobs run at the same time (AWS Batch's compute capacity). Default 1.</param>
    /// <param name="logger">Receives every job's start and end.</param>
    public LocalBatchJobs(Func<BatchJobRequest, CancellationToken, Task> runJob, int concurrency = 1, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(runJob);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        this._runJob = runJob;
        this._logger = logger ?? NullLogger.Instance;
        _workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    /// <inheritdoc />
    public Task<SubmittedJob> SubmitJobAsync(BatchJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        request.Validate();
        var number = Interlocked.Increment(ref _submitted);
        var id = $"local-{number.ToString("D6", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}"[..28];
        var dependencies = (request.DependsOn ?? []).Select(dependency =>
            _jobs.TryGetValue(dependency.JobId, out var known) ? known : throw new ArgumentException($"Batch job dependency '{dependency.JobId}' is not a job of this queue.", nameof(request))).ToList();
        var job = new LocalJob(id, number, request, DateTimeOffset.UtcNow);
        _jobs[id] = job;
        var runnable = request.ArraySize is { } size
            ? Enumerable.Range(0, size).Select(index => _jobs[$"{id}:{index}"] = new LocalJob($"{id}:{index}", number, request, DateTimeOffset.UtcNow, index)).ToList()
            : [job];
        if (request.ArraySize is not null)
        {
            _ = FinishParentAsync(job, runnable);
        }

        _ = QueueWhenReadyAsync(runnable, dependencies);
        LogSubmitted(_logger, request.JobName, id);
        return Task.FromResult(new SubmittedJob(id, request.JobName, $"arn:aws:batch:local:000000000000:job/{id}"));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<BatchJobStatus>> DescribeJobsAsync(IReadOnlyList<string> jobIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        IReadOnlyList<BatchJobStatus> statuses = jobIds
            .Select(id => _jobs.TryGetValue(id, out var job) ? job.Status() : null)
            .OfType<BatchJobStatus>()
            .ToList();
        return Task.FromResult(statuses);
    }

    /// <summary>Every job submitted so far, oldest first.</summary>
    public IReadOnlyList<BatchJobStatus> ListJobs() =>
        _jobs.Values.OrderBy(job => job.Number).Select(job => job.Status()).ToList();

    /// <summary>Waits until a job has succeeded or failed.</summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The job's final status.</returns>
    /// <exception cref="KeyNotFoundException">No job has this id.</exception>
    public async Task<BatchJobStatus> WaitForJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        if (!_jobs.TryGetValue(jobId, out var job))
        {
            throw new KeyNotFoundException($"No local Batch job has the id '{jobId}'.");
        }

        await job.Finished.WaitAsync(cancellationToken).ConfigureAwait(false);
        return job.Status();
    }

    /// <summary>Stops taking jobs, cancels the running ones (they end as <c>FAILED</c>) and waits for the workers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_workers).ConfigureAwait(false);
        while (_queue.Reader.TryRead(out var waiting))
        {
            waiting.Finish(succeeded: false, "Cancelled: the local job runner stopped before the job ran.");
        }

        _stopping.Dispose();
    }

    private async Task QueueWhenReadyAsync(List<LocalJob> runnable, List<LocalJob> dependencies)
    {
        await Task.WhenAll(dependencies.Select(dependency => dependency.Finished)).ConfigureAwait(false);
        var failed = dependencies.FirstOrDefault(dependency => dependency.Status().Status != BatchJobState.Succeeded);
        foreach (var job in runnable)
        {
            if (failed is not null)
            {
                // What AWS Batch does: the dependent job moves from PENDING to FAILED without running.
                job.Finish(succeeded: false, $"Dependent Job failed: {failed.Id}");
            }
            else if (!_queue.Writer.TryWrite(job))
            {
                job.Finish(succeeded: false, "Cancelled: the local job runner stopped before the job ran.");
            }
        }
    }

    private static async Task FinishParentAsync(LocalJob parent, List<LocalJob> children)
    {
        await Task.WhenAll(children.Select(child => child.Finished)).ConfigureAwait(false);
        var failed = children.Where(child => child.Status().Status != BatchJobState.Succeeded).Select(child => child.Id).ToList();
        parent.Finish(failed.Count == 0, failed.Count == 0 ? "All child jobs succeeded" : $"{failed.Count} child job(s) failed: {string.Join(", ", failed)}");
    }

    private async Task WorkAsync()
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                await RunAsync(job).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Disposing: the jobs still queued are failed by DisposeAsync.
        }
    }

    private async Task RunAsync(LocalJob job)
    {
        var attempts = job.Request.RetryAttempts ?? 1;
        for (var attempt = 1; ; attempt++)
        {
            job.Start();
            LogStarted(_logger, job.Request.JobName, job.Id, attempt, attempts);
            try
            {
                var environment = new Dictionary<string, string>(job.Request.Environment ?? new Dictionary<string, string>(), StringComparer.Ordinal)
                {
                    ["AWS_BATCH_JOB_ID"] = job.Id,
                    ["AWS_BATCH_JOB_ATTEMPT"] = attempt.ToString(CultureInfo.InvariantCulture),
                };
                if (job.ArrayIndex is { } index)
                {
                    environment["AWS_BATCH_JOB_ARRAY_INDEX"] = index.ToString(CultureInfo.InvariantCulture);
                }

                await _runJob(job.Request with { Environment = environment }, _stopping.Token).ConfigureAwait(false);
                job.Finish(succeeded: true, "Essential container in task exited");
                LogSucceeded(_logger, job.Request.JobName, job.Id);
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var cancelled = e is OperationCanceledException && _stopping.IsCancellationRequested;
                var reason = cancelled ? "Cancelled: the local job runner stopped while the job ran." : $"{e.GetType().Name}: {e.Message}";
                LogFailed(_logger, job.Request.JobName, job.Id, attempt, reason, e);
                if (cancelled || attempt >= attempts)
                {
                    job.Finish(succeeded: false, reason);
                    return;
                }

                job.Retry(reason);
            }
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Local Batch job {Name} ({Id}) submitted")]
    private static partial void LogSubmitted(ILogger logger, string name, string id);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Local Batch job {Name} ({Id}) running, attempt {Attempt} of {Attempts}")]
    private static partial void LogStarted(ILogger logger, string name, string id, int attempt, int attempts);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Local Batch job {Name} ({Id}) succeeded")]
    private static partial void LogSucceeded(ILogger logger, string name, string id);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "Local Batch job {Name} ({Id}) attempt {Attempt} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string name, string id, int attempt, string reason, Exception exception);

    /// <summary>One job and its changing state; every read and change holds the lock.</summary>
    private sealed class LocalJob(string id, long number, BatchJobRequest request, DateTimeOffset createdAt, int? arrayIndex = null)
    {
        private readonly object _gate = new();
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private BatchJobState _state = BatchJobState.Submitted;
        private string? _reason;
        private DateTimeOffset? _startedAt;
        private DateTimeOffset? _stoppedAt;
        private int? _exitCode;

        public string Id { get; } = id;

        public long Number { get; } = number;

        public BatchJobRequest Request { get; } = request;

        /// <summary>The child's index in its array job; null for a plain job or an array's parent.</summary>
        public int? ArrayIndex { get; } = arrayIndex;

        public Task Finished => _finished.Task;

        public void Start()
        {
            lock (_gate)
            {
                _state = BatchJobState.Running;
                _startedAt = DateTimeOffset.UtcNow;
                _reason = null;
            }
        }

        public void Retry(string failure)
        {
            lock (_gate)
            {
                _state = BatchJobState.Runnable;
                _reason = failure;
            }
        }

        public void Finish(bool succeeded, string statusReason)
        {
            lock (_gate)
            {
                _state = succeeded ? BatchJobState.Succeeded : BatchJobState.Failed;
                _reason = statusReason;
                _stoppedAt = DateTimeOffset.UtcNow;
                _exitCode = succeeded ? 0 : 1;
            }

            _finished.TrySetResult();
        }

        public BatchJobStatus Status()
        {
            lock (_gate)
            {
                return new BatchJobStatus(Id, Request.JobName, _state, _state.ToString().ToUpperInvariant())
                {
                    StatusReason = _reason,
                    CreatedAt = createdAt,
                    StartedAt = _startedAt,
                    StoppedAt = _stoppedAt,
                    ExitCode = _exitCode,
                };
            }
        }
    }
}
