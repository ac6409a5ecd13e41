using BenchmarkDotNet.Attributes;
using GluonStyleText.Data;
using GluonStyleText.Embeddings;
using GluonStyleText.Text;

namespace GluonStyleText.Benchmarks;

/// <summary>
/// Loading the GloVe vectors (100d, top 100,000 words, gzip) for the vocabulary that the fast preset
/// fits on IMDB train.csv, as training with pretrained embeddings does. The Throughput column counts
/// the file's word vectors read per second.
/// </summary>
[MemoryDiagnoser]
public class EmbeddingLoadingBenchmarks
{
    private string[] _words = [];

    [GlobalSetup]
    public void Setup()
    {
        var options = ModelCases.Options(ModelCases.Fast);
        var transformer = TextTransformer.Fit(LabeledCsvFile.Load(BenchmarkData.ImdbTrainCsv).Texts, TextTransformerOptions.From(options));

        // One word per model row, as TextClassifierTrainer asks: unused ids get an empty word.
        _words = new string[options.VocabularySize];
        Array.Fill(_words, "");
        for (var id = 0; id < transformer.Vocabulary.Count; id++)
        {
            _words[id] = transformer.Vocabulary.GetWord(id);
        }

        Console.WriteLine($"// {BenchmarkData.GloVe}: {BenchmarkData.GloVeVectors} vectors; vocabulary of {transformer.Vocabulary.Count} words");
    }

    [Benchmark(Description = "GloVe 100d top-100k .gz")]
    public double Load() => PretrainedEmbeddingLoader.Load(BenchmarkData.GloVe, _words).Coverage;
}
