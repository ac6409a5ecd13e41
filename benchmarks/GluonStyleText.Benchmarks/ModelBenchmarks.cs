using BenchmarkDotNet.Attributes;
using GluonStyleText.Models;
using GluonStyleText.Prediction;
using GluonStyleText.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Benchmarks;

/// <summary>
/// One <see cref="TrainingStep"/> (forward, cross entropy, backward, gradient clipping as the trainer does,
/// optimizer step) and one inference forward pass of the CNN and the BiLSTM, for the seed's configuration and the
/// IMDB sample's presets. Inputs are full-length random token ids, the most work a batch can be; torch
/// runs on as many threads as the job has cores. The Throughput column counts examples per second:
/// a training batch of the configuration's batch_size, an inference batch of
/// <see cref="TextClassifier.DefaultBatchSize"/> as batch prediction uses.
/// </summary>
[MemoryDiagnoser]
public class ModelBenchmarks
{
    /// <summary>Texts per inference forward pass: what <see cref="TextClassifier"/> and batch prediction use by default.</summary>
    public const int InferenceBatchSize = TextClassifier.DefaultBatchSize;

    private nn.Module<Tensor, Tensor> _model = null!;
    private TrainingStep _trainingStep = null!;
    private Tensor _trainingIds = null!;
    private Tensor _targets = null!;
    private Tensor _inferenceIds = null!;

    /// <summary>The configuration: one of the <see cref="ModelCases"/> names.</summary>
    [Params(ModelCases.SeedCnn, ModelCases.SeedBiLstm, ModelCases.Fast, ModelCases.BiLstm)]
    public string Model { get; set; } = ModelCases.SeedCnn;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Environment.ProcessorCount);
        var options = ModelCases.Options(Model);
        _model = TextClassifierModelFactory.Create(options);
        _trainingStep = new TrainingStep(_model, options);

        var generator = new Generator(seed: 7);
        _trainingIds = randint(Vocabulary.ReservedCount, options.VocabularySize, [options.BatchSize, options.SequenceLength], generator: generator);
        _targets = randint(0, options.NumberOfClasses, [options.BatchSize], generator: generator);
        _inferenceIds = randint(Vocabulary.ReservedCount, options.VocabularySize, [InferenceBatchSize, options.SequenceLength], generator: generator);
        Console.WriteLine($"// {Model}: {ModelCases.Describe(options)}; torch threads {torch.get_num_threads()}");
    }

    [Benchmark(Description = "training step")]
    public float Training() => _trainingStep.Run(_trainingIds, _targets);

    [Benchmark(Description = "inference")]
    public float Inference()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _model.eval();
        return _model.call(_inferenceIds).sum().item<float>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _trainingStep.Dispose();
        _model.Dispose();
        _trainingIds.Dispose();
        _targets.Dispose();
        _inferenceIds.Dispose();
    }
}
