using System.Globalization;

namespace GluonStyleText.Aws.Host.Batch;

/// <summary>
/// One step of a sharded prediction (plan, one child, or assemble): the job's options plus the run it belongs to and,
/// for a child, its array index and attempt, which AWS Batch gives in <c>AWS_BATCH_JOB_ARRAY_INDEX</c> and
/// <c>AWS_BATCH_JOB_ATTEMPT</c>.
/// </summary>
public sealed class ShardedPredictionOptions
{
    /// <summary>The environment variable in which AWS Batch gives an array child its index, from 0.</summary>
    public const string ArrayIndexVariable = "AWS_BATCH_JOB_ARRAY_INDEX";

    /// <summary>The environment variable in which AWS Batch gives the attempt number, from 1.</summary>
    public const string AttemptVariable = "AWS_BATCH_JOB_ATTEMPT";

    /// <summary>Optional environment variable: the results bucket's prefix for runs' work files (default <see cref="DefaultWorkPrefix"/>).</summary>
    public const string WorkPrefixVariable = "WORK_PREFIX";

    /// <summary>The default <see cref="WorkPrefix"/>; the stack's lifecycle rule expires what a failed run leaves under it.</summary>
    public const string DefaultWorkPrefix = "gluonstyletext-work/";

    /// <summary>The input, model and results, as for one job.</summary>
    public required BatchPredictionJobOptions Job { get; init; }

    /// <summary>The run (the Lambda's <c>run</c> parameter): its files are under <see cref="WorkPrefix"/><c>&lt;run&gt;/</c>.</summary>
    public required string Run { get; init; }

    /// <summary>The array size the Lambda submitted; the plan may use fewer shards, never more.</summary>
    public int Shards { get; init; } = 1;

    /// <summary>The attempts of the retry strategy: a child's failure on its last attempt is recorded for good.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>The child's index (from 0).</summary>
    public int ArrayIndex { get; init; }

    /// <summary>This attempt (from 1).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The results bucket's prefix for work files.</summary>
    public string WorkPrefix { get; init; } = DefaultWorkPrefix;

    /// <summary>The step's options from the command line and the container's environment.</summary>
    /// <param name="job">The job's options (<see cref="BatchPredictionJobOptions.FromEnvironment(string, string, Func{string, string?})"/>).</param>
    /// <param name="run">The run.</param>
    /// <param name="shards">The array size.</param>
    /// <param name="attempts">The retry strategy's attempts.</param>
    /// <param name="getVariable">Returns an environment variable's value, or null when it is not set.</param>
    /// <exception cref="InvalidOperationException">An AWS Batch variable is not a number.</exception>
    public static ShardedPredictionOptions FromEnvironment(BatchPredictionJobOptions job, string run, int shards, int attempts, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        return new ShardedPredictionOptions
        {
            Job = job,
            Run = run,
            Shards = shards,
            Attempts = attempts,
            ArrayIndex = Number(getVariable, ArrayIndexVariable, 0),
            Attempt = Number(getVariable, AttemptVariable, 1),
            WorkPrefix = getVariable(WorkPrefixVariable) is { Length: > 0 } prefix ? prefix.TrimEnd('/') + "/" : DefaultWorkPrefix,
        };
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Job);
        Job.Validate();
        if (string.IsNullOrWhiteSpace(Run) || Run.Contains('/', StringComparison.Ordinal) || Run is "." or "..")
        {
            throw new ArgumentException($"{nameof(ShardedPredictionOptions)}.{nameof(Run)} '{Run}' must be a non-empty name without '/'.", nameof(Run));
        }

        if (Shards is < 1 or > 10_000 || Attempts < 1 || ArrayIndex < 0 || Attempt < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{nameof(ShardedPredictionOptions)}: shards {Shards} (1 to 10,000), attempts {Attempts}, array index {ArrayIndex} and attempt {Attempt} are out of range."), nameof(Shards));
        }
    }

    private static int Number(Func<string, string?> getVariable, string name, int fallback) =>
        getVariable(name) is not { Length: > 0 } text ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw new InvalidOperationException($"The environment variable {name} is '{text}', not a whole number.");
}
