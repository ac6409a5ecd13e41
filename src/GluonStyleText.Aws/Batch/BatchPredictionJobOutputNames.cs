namespace GluonStyleText.Aws.Batch;

/// <summary>
/// Where a batch prediction job writes its results: the input's file name without <c>.csv</c>,
/// plus <c>_output.csv</c> and <c>_output.manifest.json</c>, under the results prefix and the
/// input key's own folder path. <c>claims/may.csv</c> gives <c>claims/may_output.csv</c> and
/// <c>claims/may_output.manifest.json</c>; <c>my reviews.csv</c> gives <c>my reviews_output.csv</c>; <c>MAY.CSV</c>
/// keeps its extension, <c>MAY.CSV_output.csv</c>, so that it never shares an output with <c>MAY.csv</c>.
/// </summary>
internal static class BatchPredictionJobOutputNames
{
    /// <summary>What the output CSV file's key ends with.</summary>
    public const string OutputSuffix = "_output.csv";

    /// <summary>What the manifest's key ends with.</summary>
    public const string ManifestSuffix = "_output.manifest.json";

    private const string CsvExtension = ".csv";

    /// <summary>The key of the output CSV file for <paramref name="inputKey"/>.</summary>
    /// <param name="inputKey">The decoded key of the input file.</param>
    /// <param name="resultsPrefix">The results prefix; empty for none (a missing trailing <c>/</c> is added).</param>
    public static string OutputKey(string inputKey, string resultsPrefix = "") => Stem(inputKey, resultsPrefix) + OutputSuffix;

    /// <summary>The key of the manifest for <paramref name="inputKey"/>, written after the output.</summary>
    /// <param name="inputKey">The decoded key of the input file.</param>
    /// <param name="resultsPrefix">The results prefix; empty for none (a missing trailing <c>/</c> is added).</param>
    public static string ManifestKey(string inputKey, string resultsPrefix = "") => Stem(inputKey, resultsPrefix) + ManifestSuffix;

    /// <summary>The key of the record a sharded run leaves when a shard fails for good: <c>&lt;name&gt;_output.failure.json</c> (shorter than the manifest's key).</summary>
    /// <param name="inputKey">The uploaded file's key.</param>
    /// <param name="resultsPrefix">The results prefix.</param>
    public static string FailureKey(string inputKey, string resultsPrefix = "") => Stem(inputKey, resultsPrefix) + "_output.failure.json";

    /// <summary>Whether a key looks like a job's output, which must never be classified again.</summary>
    /// <param name="key">A decoded object key.</param>
    public static bool IsOutputKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.EndsWith(OutputSuffix, StringComparison.OrdinalIgnoreCase);
    }

    private static string Stem(string inputKey, string? resultsPrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputKey);
        // Only a final ".csv" goes: the seed's replace(".csv", "") also mangled "a.csv.backup.csv". And only in lower
        // case: "a.CSV" is another object than "a.csv", so it keeps its extension ("a.CSV_output.csv") rather than
        // share, and overwrite, the other's output.
        var stem = inputKey.EndsWith(CsvExtension, StringComparison.Ordinal) ? inputKey[..^CsvExtension.Length] : inputKey;
        var prefix = string.IsNullOrEmpty(resultsPrefix) || resultsPrefix.EndsWith('/') ? resultsPrefix ?? "" : resultsPrefix + "/";
        return prefix + stem;
    }
}
