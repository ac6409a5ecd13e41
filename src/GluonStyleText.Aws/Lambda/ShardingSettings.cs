using System.Globalization;
using GluonStyleText.Aws.Batch;

namespace GluonStyleText.Aws.Lambda;

/// <summary>
/// When <see cref="S3UploadHandler"/> splits an upload across an AWS Batch array job instead of one job, and into how many
/// children. See docs/aws-pipeline.md, "Sharded prediction".
/// </summary>
public sealed record ShardingSettings
{
    /// <summary>The environment variable naming the job definition of the sharded steps (its command starts with <c>Ref::step</c>).</summary>
    public const string JobDefinitionVariable = "SHARD_JOB_DEFINITION";

    /// <summary>The environment variable with <see cref="ThresholdBytes"/>.</summary>
    public const string ThresholdVariable = "SHARD_THRESHOLD_BYTES";

    /// <summary>The environment variable with <see cref="ShardBytes"/>.</summary>
    public const string ShardBytesVariable = "SHARD_BYTES";

    /// <summary>The environment variable with <see cref="MaxShards"/>.</summary>
    public const string MaxShardsVariable = "MAX_SHARDS";

    /// <summary>The environment variable with <see cref="Attempts"/>.</summary>
    public const string AttemptsVariable = "SHARD_ATTEMPTS";

    /// <summary>The default <see cref="ThresholdBytes"/>: 256 MiB.</summary>
    public const long DefaultThresholdBytes = 256L << 20;

    /// <summary>The default <see cref="ShardBytes"/>: 128 MiB.</summary>
    public const long DefaultShardBytes = 128L << 20;

    /// <summary>The default <see cref="MaxShards"/>.</summary>
    public const int DefaultMaxShards = 1_000;

    /// <summary>The default <see cref="Attempts"/>.</summary>
    public const int DefaultAttempts = 3;

    /// <summary>The job definition of the plan, predict-shard and assemble steps. Required.</summary>
    public required string JobDefinition { get; init; }

    /// <summary>Uploads larger than this are sharded; others get one job as before.</summary>
    public long ThresholdBytes { get; init; } = DefaultThresholdBytes;

    /// <summary>About how many input bytes each child classifies: N = ceil(size / this).</summary>
    public long ShardBytes { get; init; } = DefaultShardBytes;

    /// <summary>The most children of one upload (2 to 10,000, AWS Batch's array sizes); larger uploads get bigger shards.</summary>
    public int MaxShards { get; init; } = DefaultMaxShards;

    /// <summary>Attempts of each step (the retry strategy submitted with it), 1 to 10; a child's last attempt records its failure.</summary>
    public int Attempts { get; init; } = DefaultAttempts;

    /// <summary>
    /// The number of children for an upload of <paramref name="size"/> bytes: 1 (one plain job) when the size is unknown,
    /// at most <see cref="ThresholdBytes"/>, or would give fewer than 2 shards; otherwise ceil(size / <see cref="ShardBytes"/>),
    /// at most <see cref="MaxShards"/>.
    /// </summary>
    /// <param name="size">The object's size from the S3 event; null when the event has none.</param>
    /// <returns>1, or the array size, from 2 to <see cref="MaxShards"/>.</returns>
    public int ShardCount(long? size)
    {
        if (size is not { } bytes || bytes <= ThresholdBytes)
        {
            return 1;
        }

        var shards = Math.Min((bytes - 1) / ShardBytes + 1, MaxShards);
        return shards < BatchJobRequest.MinArraySize ? 1 : (int)shards;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(JobDefinition))
        {
            throw new ArgumentException($"{nameof(ShardingSettings)}.{nameof(JobDefinition)} is required.", nameof(JobDefinition));
        }

        if (ThresholdBytes < 0 || ShardBytes < 1)
        {
            throw new ArgumentException($"{nameof(ShardingSettings)}: {nameof(ThresholdBytes)} must be at least 0 (was {ThresholdBytes}) and {nameof(ShardBytes)} at least 1 (was {ShardBytes}).", nameof(ShardBytes));
        }

        if (MaxShards is < BatchJobRequest.MinArraySize or > BatchJobRequest.MaxArraySize)
        {
            throw new ArgumentException($"{nameof(ShardingSettings)}.{nameof(MaxShards)} must be between {BatchJobRequest.MinArraySize} and {BatchJobRequest.MaxArraySize}, AWS Batch's array sizes (was {MaxShards}).", nameof(MaxShards));
        }

        if (Attempts is < 1 or > BatchJobRequest.MaxRetryAttempts)
        {
            throw new ArgumentException($"{nameof(ShardingSettings)}.{nameof(Attempts)} must be between 1 and {BatchJobRequest.MaxRetryAttempts} (was {Attempts}).", nameof(Attempts));
        }
    }

    /// <summary>The settings from the environment, or null when <c>SHARD_JOB_DEFINITION</c> is not set (sharding off).</summary>
    /// <param name="getVariable">Returns an environment variable's value, or null when it is not set.</param>
    /// <exception cref="InvalidOperationException">A variable is set but is not a number in range.</exception>
    internal static ShardingSettings? FromEnvironment(Func<string, string?> getVariable)
    {
        if (getVariable(JobDefinitionVariable) is not { Length: > 0 } definition)
        {
            return null;
        }

        var settings = new ShardingSettings
        {
            JobDefinition = definition,
            ThresholdBytes = Number(getVariable, ThresholdVariable, DefaultThresholdBytes),
            ShardBytes = Number(getVariable, ShardBytesVariable, DefaultShardBytes),
            MaxShards = (int)Number(getVariable, MaxShardsVariable, DefaultMaxShards),
            Attempts = (int)Number(getVariable, AttemptsVariable, DefaultAttempts),
        };
        try
        {
            settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"The sharding environment variables are out of range: {e.Message}", e);
        }

        return settings;
    }

    private static long Number(Func<string, string?> getVariable, string name, long fallback) =>
        getVariable(name) is not { Length: > 0 } text ? fallback
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= int.MaxValue * 1024L * 1024 ? value
        : throw new InvalidOperationException($"The environment variable {name} is '{text}', not a whole number.");
}
