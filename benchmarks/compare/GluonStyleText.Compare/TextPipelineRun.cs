using System.Diagnostics;
using System.Text;
using System.Text.Json;
using GluonStyleText.Data;
using GluonStyleText.Text;

namespace GluonStyleText.Compare;

/// <summary>
/// Fit + encode of the reviews in a CSV (vocab 5000, seq_len 500 by default), the work of the seed's
/// TextTransformer. Reading the CSV is not timed (the Python twin does not time it either); one untimed
/// pass lets the JIT settle, then one pass is timed. Cores: as many as the process sees (the script
/// sets DOTNET_PROCESSOR_COUNT for the one-thread runs).
/// </summary>
internal static class TextPipelineRun
{
    public static string Run(CommandArguments arguments)
    {
        var limit = arguments.Integer("limit", int.MaxValue);
        var options = new TextTransformerOptions
        {
            VocabularySize = arguments.Integer("vocab", 5000),
            SequenceLength = arguments.Integer("seq-len", 500),
        };
        var texts = LabeledCsvFile.Load(arguments.Text("csv")).Texts.Take(limit).ToList();
        var megabytes = texts.Sum(text => (long)Encoding.UTF8.GetByteCount(text)) / 1e6;

        _ = TextTransformer.Fit(texts, options).EncodeBatch(texts);
        var stopwatch = Stopwatch.StartNew();
        var ids = TextTransformer.Fit(texts, options).EncodeBatch(texts);
        var seconds = stopwatch.Elapsed.TotalSeconds;

        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["bench"] = "text",
            ["contender"] = "ours",
            ["threads"] = Environment.ProcessorCount,
            ["reviews"] = texts.Count,
            ["megabytes"] = megabytes,
            ["seconds"] = seconds,
            ["mb_per_s"] = megabytes / seconds,
            ["reviews_per_s"] = texts.Count / seconds,
            ["checksum"] = Checksum(ids),
        });
    }

    // Keeps the result alive (and comparable across runs) without printing 12 million ids.
    private static long Checksum(long[,] ids)
    {
        long sum = 0;
        foreach (var id in ids)
        {
            sum += id;
        }

        return sum;
    }
}
