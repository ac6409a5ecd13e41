using BenchmarkDotNet.Running;

namespace GluonStyleText.Benchmarks;

/// <summary>How much work one call of a benchmark does, in the units its users count.</summary>
internal static class WorkPerOperation
{
    /// <summary>The work of one operation of <paramref name="benchmarkCase"/>, or null when it has no natural unit.</summary>
    public static Work? Of(BenchmarkCase benchmarkCase)
    {
        var type = benchmarkCase.Descriptor.Type;
        var method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        if (type == typeof(TextPipelineBenchmarks))
        {
            return new Work(BenchmarkData.TrainTextMegabytes, "MB", new Work(BenchmarkData.TrainReviews, "reviews"));
        }

        if (type == typeof(EmbeddingLoadingBenchmarks))
        {
            return new Work(BenchmarkData.GloVeVectors, "vectors");
        }

        if (type == typeof(ModelBenchmarks))
        {
            var options = ModelCases.Options((string)benchmarkCase.Parameters[nameof(ModelBenchmarks.Model)]);
            return new Work(method == nameof(ModelBenchmarks.Training) ? options.BatchSize : ModelBenchmarks.InferenceBatchSize, "examples");
        }

        if (type == typeof(BatchPredictionBenchmarks))
        {
            return new Work(BatchPredictionBenchmarks.Rows, "examples");
        }

        return null;
    }
}

/// <summary>An amount of work and its unit, optionally also counted in a second unit.</summary>
internal sealed record Work(double Amount, string Unit, Work? Also = null);
