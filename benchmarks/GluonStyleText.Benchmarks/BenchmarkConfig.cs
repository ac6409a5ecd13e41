using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace GluonStyleText.Benchmarks;

/// <summary>
/// Short jobs by default so the suite finishes in minutes on 2 cores; <c>--full</c> on the command
/// line gives BenchmarkDotNet's full statistics instead, <c>--dry</c> a single call of each benchmark. Each benchmark runs twice: on one core
/// (DOTNET_PROCESSOR_COUNT=1, which the parallel text code and the benchmarks' torch thread count
/// follow) and on every core.
/// </summary>
internal static class BenchmarkConfig
{
    public static IConfig Create(BenchmarkMode mode)
    {
        var job = mode switch
        {
            BenchmarkMode.Full => Job.Default,
            BenchmarkMode.Dry => Job.Dry,
            _ => Job.ShortRun.WithWarmupCount(1).WithIterationCount(3),
        };
        var baseJob = job.WithArguments([.. GeneratedBuildArguments()]);
        return DefaultConfig.Instance
            .AddJob(baseJob.WithId("1 core").WithEnvironmentVariables(
                new EnvironmentVariable("DOTNET_PROCESSOR_COUNT", "1"),
                new EnvironmentVariable("OMP_NUM_THREADS", "1")))
            .AddJob(baseJob.WithId("all cores"))
            .AddColumn(new ThroughputColumn())
            .WithArtifactsPath(Path.Combine(BenchmarkData.RepositoryRoot, "benchmarks", "GluonStyleText.Benchmarks", "BenchmarkDotNet.Artifacts"))
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40));
    }

    // BenchmarkDotNet's generated project skips Directory.Build.targets (see build/GeneratedProject.targets),
    // so the TorchSharp patch and the hard links that spare a 480 MB libtorch copy per run are passed in here.
    private static IEnumerable<MsBuildArgument> GeneratedBuildArguments()
    {
        var targets = Path.Combine(BenchmarkData.RepositoryRoot, "benchmarks", "GluonStyleText.Benchmarks", "build", "GeneratedProject.targets");
        yield return new MsBuildArgument($"/p:CustomAfterMicrosoftCommonTargets={targets}");
        yield return new MsBuildArgument("/p:CreateHardLinksForCopyLocalIfPossible=true");
    }
}
