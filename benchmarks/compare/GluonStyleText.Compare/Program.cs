using GluonStyleText.Compare;

// Our side of benchmarks/compare/run.sh: each command does one measurement and prints one JSON line
// on stdout (the script interleaves these processes with the peers' and collects the lines).
//   text    --csv FILE [--limit N] [--vocab 5000] [--seq-len 500]
//   shapes  --config FILE [--cnn true|false]                          resolved options, for the PyTorch twin
//   model   --config FILE [--cnn true|false] --mode train|infer [--name NAME] [--threads N]
//           [--steps N] [--warmup N] [--batch N] [--infer-batch N]
//   sgemm   [--threads N] [--size 2048] [--repeat 10]                  FP32 matrix multiply, GFLOP/s
try
{
    var arguments = CommandArguments.Parse(args.Skip(1));
    var line = args.FirstOrDefault() switch
    {
        "text" => TextPipelineRun.Run(arguments),
        "shapes" => ModelRun.Shapes(arguments),
        "model" => ModelRun.Run(arguments),
        "sgemm" => SgemmRun.Run(arguments),
        _ => throw new ArgumentException("usage: GluonStyleText.Compare text|shapes|model|sgemm [--option value ...] (see Program.cs)"),
    };
    Console.WriteLine(line);
    return 0;
}
catch (Exception exception) when (exception is ArgumentException or FileNotFoundException or FormatException)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    return 2;
}
