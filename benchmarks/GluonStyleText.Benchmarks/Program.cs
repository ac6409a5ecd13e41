using BenchmarkDotNet.Running;
using GluonStyleText.Benchmarks;

// Usage: dotnet run -c Release --project benchmarks/GluonStyleText.Benchmarks -- --filter '*' [--full | --dry]
//   (default) short jobs: 1 warmup and 3 measured iterations, on 1 core and on all cores
//   --full    BenchmarkDotNet's default jobs (as many iterations as its statistics ask for)
//   --dry     one call of each benchmark: checks that everything builds, loads and runs
var mode = args.Contains("--full") ? BenchmarkMode.Full : args.Contains("--dry") ? BenchmarkMode.Dry : BenchmarkMode.Short;
var rest = args.Where(arg => arg is not ("--full" or "--dry")).ToArray();
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(rest, BenchmarkConfig.Create(mode));
