using System.Diagnostics;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Compare;

/// <summary>Measured FP32 matrix-multiply speed of our libtorch, the practical ceiling next to the CPU's peak.</summary>
internal static class SgemmRun
{
    public static string Run(CommandArguments arguments)
    {
        var size = arguments.Integer("size", 2048);
        var repeat = arguments.Integer("repeat", 10);
        torch.set_num_threads(arguments.Integer("threads", Environment.ProcessorCount));
        var generator = new Generator(seed: 7);
        using var a = randn([size, size], generator: generator);
        using var b = randn([size, size], generator: generator);
        Multiply(a, b);
        var seconds = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            Multiply(a, b);
            seconds.Add(stopwatch.Elapsed.TotalSeconds);
        }

        var median = seconds.Order().ElementAt(seconds.Count / 2);
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["bench"] = "sgemm",
            ["contender"] = "ours",
            ["threads"] = torch.get_num_threads(),
            ["size"] = size,
            ["median_seconds"] = median,
            ["gflops"] = 2.0 * size * size * size / median / 1e9,
        });
    }

    private static void Multiply(Tensor a, Tensor b)
    {
        using var product = a.matmul(b);
    }
}
