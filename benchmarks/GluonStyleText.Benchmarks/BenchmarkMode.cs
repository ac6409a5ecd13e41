namespace GluonStyleText.Benchmarks;

/// <summary>How long the suite runs: see Program.cs for the command-line switches.</summary>
internal enum BenchmarkMode
{
    /// <summary>1 warmup and 3 measured iterations: the whole suite in minutes on 2 cores.</summary>
    Short,

    /// <summary>BenchmarkDotNet's default job, as many iterations as its statistics ask for.</summary>
    Full,

    /// <summary>One call of each benchmark, to check that everything builds, loads and runs.</summary>
    Dry,
}
