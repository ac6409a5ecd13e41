using BenchmarkDotNet.Attributes;
using GluonStyleText.Data;
using GluonStyleText.Text;

namespace GluonStyleText.Benchmarks;

/// <summary>
/// Fit and encode throughput of the text transformer on IMDB train.csv (25,000 reviews), with the
/// seed's settings (vocab 5000, seq_len 500). The Throughput column counts MB of UTF-8 review text
/// (and reviews) per second, the unit of the seed-port comparison in benchmarks/compare.
/// Run with the "1 core" and "all cores" jobs of <see cref="BenchmarkConfig"/>.
/// </summary>
[MemoryDiagnoser]
public class TextPipelineBenchmarks
{
    private IReadOnlyList<string> _texts = [];
    private TextTransformer _fitted = null!;
    private readonly TextTransformerOptions _options = new() { VocabularySize = 5000, SequenceLength = 500 };

    [GlobalSetup]
    public void Setup()
    {
        _texts = LabeledCsvFile.Load(BenchmarkData.ImdbTrainCsv).Texts;
        _fitted = TextTransformer.Fit(_texts, _options);
        Console.WriteLine($"// IMDB train: {_texts.Count} reviews, {BenchmarkData.TrainTextMegabytes:F1} MB of review text");
    }

    [Benchmark(Description = "fit")]
    public int Fit() => TextTransformer.Fit(_texts, _options).Vocabulary.Count;

    [Benchmark(Description = "encode")]
    public long[,] Encode() => _fitted.EncodeBatch(_texts);

    [Benchmark(Description = "fit+encode", Baseline = true)]
    public long[,] FitAndEncode() => TextTransformer.Fit(_texts, _options).EncodeBatch(_texts);
}
