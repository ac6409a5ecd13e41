using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace GluonStyleText.Benchmarks;

/// <summary>
/// Short jobs by default so the suite finishes in minutes on 2 cores; <c>--job default</c> on the
/// command line gives BenchmarkDotNet's full statistics instead. Each benchmark runs twice: on one
/// core (DOTNET_PROCESSOR_COUNT=1, which parallel code and TorchSharp's thread count follow) and on
/// every core.
/// </summary>
internal static class BenchmarkConfig
{
    public static IConfig Create(bool fullRun)
    {
        var baseJob = fullRun ? Job.Default : Job.ShortRun.WithWarmupCount(1).WithIterationCount(3);
        return DefaultConfig.Instance
            .AddJob(baseJob.WithId("1 core").WithEnvironmentVariable("DOTNET_PROCESSOR_COUNT", "1"))
            .AddJob(baseJob.WithId("all cores"))
            .AddColumn(new ThroughputColumn())
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40));
    }

    /// <summary>MB/s of review text for the text benchmarks, examples/s for the others.</summary>
    private sealed class ThroughputColumn : IColumn
    {
        public string Id => nameof(ThroughputColumn);

        public string ColumnName => "Throughput";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Work per second: MB of text/s for the text pipeline, examples/s for models";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is not { } statistics)
            {
                return "-";
            }

            var seconds = statistics.Median / 1e9;
            var work = benchmarkCase.Descriptor.Type == typeof(TextPipelineBenchmarks)
                ? $"{TextMegabytes() / seconds:F1} MB/s"
                : "-";
            return work;
        }

        // File bytes, as the seed's 7 MB/s figure was measured (33 MB train.csv).
        private static double TextMegabytes() => new FileInfo(BenchmarkData.ImdbTrainCsv).Length / 1e6;
    }
}
