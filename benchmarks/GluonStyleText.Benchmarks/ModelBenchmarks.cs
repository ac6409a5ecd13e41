using BenchmarkDotNet.Attributes;
using GluonStyleText.Models;
using GluonStyleText.Prediction;
using GluonStyleText.Text;
using GluonStyleText.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GluonStyleText.Benchmarks;

/// <summary>
/// One training step (forward, cross entropy, backward, gradient clipping as the trainer does, optimizer
/// step) and one inference forward pass of the CNN and the BiLSTM, for the seed's configuration and the
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
    private OptimizerHelper _optimizer = null!;
    private List<Parameter> _parameters = [];
    private double _gradientNormLimit;
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
        _parameters = _model.parameters().Where(parameter => parameter.requires_grad).ToList();
        _optimizer = OptimizerFactory.Create(options.Optimizer, _parameters, options.LearningRate, options.WeightDecay);
        _gradientNormLimit = new Trainer(options).GradientNormLimit(_model);

        var generator = new Generator(seed: 7);
        _trainingIds = randint(Vocabulary.ReservedCount, options.VocabularySize, [options.BatchSize, options.SequenceLength], generator: generator);
        _targets = randint(0, options.NumberOfClasses, [options.BatchSize], generator: generator);
        _inferenceIds = randint(Vocabulary.ReservedCount, options.VocabularySize, [InferenceBatchSize, options.SequenceLength], generator: generator);
        Console.WriteLine($"// {Model}: {ModelCases.Describe(options)}; torch threads {torch.get_num_threads()}");
    }

    [Benchmark(Description = "training step")]
    public float TrainingStep()
    {
        using var scope = NewDisposeScope();
        _model.train();
        _optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(_model.call(_trainingIds), _targets);
        loss.backward();
        if (_gradientNormLimit > 0)
        {
            nn.utils.clip_grad_norm_(_parameters, _gradientNormLimit);
        }

        _optimizer.step();
        return loss.item<float>();
    }

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
        _optimizer.Dispose();
        _model.Dispose();
        _trainingIds.Dispose();
        _targets.Dispose();
        _inferenceIds.Dispose();
    }
}
