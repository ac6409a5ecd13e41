using System.Text;
using BenchmarkDotNet.Attributes;
using GluonStyleText.Bundles;
using GluonStyleText.Data;
using GluonStyleText.Models;
using GluonStyleText.Prediction;
using GluonStyleText.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Benchmarks;

/// <summary>
/// Batch prediction of <see cref="Rows"/> IMDB test reviews with a fast-preset bundle, three ways: the
/// model's forward passes alone on ids encoded beforehand (the baseline), <see cref="TextClassifier.PredictBatch"/>
/// (encode + forward + results) and <see cref="CsvBatchPredictor"/> from a CSV file to a CSV file. The
/// ratios to the baseline are the pipeline's overhead. The bundle's weights are untrained: speed does not
/// depend on their values.
/// </summary>
[MemoryDiagnoser]
public class BatchPredictionBenchmarks
{
    /// <summary>Test reviews classified per operation.</summary>
    public const int Rows = 1000;

    private string _folder = "";
    private string _inputCsv = "";
    private string _outputCsv = "";
    private List<string> _texts = [];
    private TextClassifier _classifier = null!;
    private List<Tensor> _encodedBatches = [];

    /// <summary>Rows per forward pass (CsvPredictionOptions.BatchSize, the batch size of PredictBatch).</summary>
    [Params(64, 256)]
    public int BatchSize { get; set; } = TextClassifier.DefaultBatchSize;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Environment.ProcessorCount);
        _folder = Path.Combine(Path.GetTempPath(), $"gluonstyletext-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);

        var options = ModelCases.Options(ModelCases.Fast);
        var training = LabeledCsvFile.Load(BenchmarkData.ImdbTrainCsv);
        var test = LabeledCsvFile.Load(BenchmarkData.ImdbTestCsv, labelMap: training.LabelMap);
        _texts = test.Texts.Take(Rows).ToList();

        var transformer = TextTransformer.Fit(training.Texts, TextTransformerOptions.From(options));
        var bundle = Path.Combine(_folder, "bundle");
        using (var model = TextClassifierModelFactory.Create(options))
        {
            ModelBundle.Save(bundle, options, transformer, training.LabelMap, model);
        }

        _classifier = TextClassifier.Load(bundle);
        _inputCsv = Path.Combine(_folder, "input.csv");
        _outputCsv = Path.Combine(_folder, "output.csv");
        WriteCsv(_inputCsv, test.Texts.Take(Rows), test.ClassIds.Take(Rows).Select(training.LabelMap.GetLabel));
        for (var start = 0; start < _texts.Count; start += BatchSize)
        {
            _encodedBatches.Add(transformer.EncodeToTensor(_texts.GetRange(start, Math.Min(BatchSize, _texts.Count - start))));
        }

        Console.WriteLine($"// {Rows} test reviews ({new FileInfo(_inputCsv).Length / 1e6:F1} MB of CSV); {ModelCases.Describe(options)}; torch threads {torch.get_num_threads()}");
    }

    [Benchmark(Baseline = true, Description = "model forward only (ids encoded beforehand)")]
    public float ForwardOnly()
    {
        var sum = 0f;
        using var noGrad = no_grad();
        foreach (var ids in _encodedBatches)
        {
            using var scope = NewDisposeScope();
            sum += nn.functional.softmax(_classifier.Bundle.Model.forward(ids), dim: 1)[0, 0].item<float>();
        }

        return sum;
    }

    [Benchmark(Description = "TextClassifier.PredictBatch (texts in memory)")]
    public int PredictBatch() => _classifier.PredictBatch(_texts, BatchSize).Count;

    [Benchmark(Description = "CsvBatchPredictor (CSV file -> CSV file)")]
    public async Task<long> PredictCsvFile()
    {
        var predictor = new CsvBatchPredictor(_classifier, new CsvPredictionOptions { BatchSize = BatchSize });
        var summary = await predictor.PredictFileAsync(_inputCsv, _outputCsv).ConfigureAwait(false);
        return summary.RowsPredicted;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var ids in _encodedBatches)
        {
            ids.Dispose();
        }

        _classifier.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static void WriteCsv(string path, IEnumerable<string> texts, IEnumerable<string> labels)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.WriteLine("sentiment,review");
        foreach (var (text, label) in texts.Zip(labels))
        {
            writer.Write(label);
            writer.Write(",\"");
            writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
            writer.WriteLine('"');
        }
    }
}
