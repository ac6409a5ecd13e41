using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace GluonStyleText.Benchmarks;

/// <summary>Work per second at the median time: MB of text, word vectors or examples, as <see cref="WorkPerOperation"/> counts them.</summary>
internal sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "Throughput";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Work per second at the median: MB of review text/s and reviews/s (text), word vectors/s (embeddings), examples/s (models, prediction)";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (summary[benchmarkCase]?.ResultStatistics is not { } statistics || WorkPerOperation.Of(benchmarkCase) is not { } work)
        {
            return "-";
        }

        var seconds = statistics.Median / 1e9;
        return work.Also is { } also ? $"{Rate(work, seconds)} ({Rate(also, seconds)})" : Rate(work, seconds);
    }

    private static string Rate(Work work, double seconds)
    {
        var perSecond = work.Amount / seconds;
        return perSecond >= 100 ? $"{perSecond:N0} {work.Unit}/s" : $"{perSecond:N1} {work.Unit}/s";
    }
}
