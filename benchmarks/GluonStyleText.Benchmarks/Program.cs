using BenchmarkDotNet.Running;
using GluonStyleText.Benchmarks;

// Usage: dotnet run -c Release --project benchmarks/GluonStyleText.Benchmarks -- --filter '*' [--full]
var fullRun = args.Contains("--full");
var rest = args.Where(arg => arg != "--full").ToArray();
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(rest, BenchmarkConfig.Create(fullRun));
