using GluonStyleText.Options;
using GluonStyleText.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GluonStyleText.Benchmarks;

/// <summary>
/// One training step as <see cref="Trainer"/> takes it per batch (its own step is private): zero the
/// gradients, forward, cross entropy, backward, clip the gradient norm as the trainer would (5 for the
/// LSTM unless the options say otherwise), optimizer step. Shared by the BenchmarkDotNet suite and
/// benchmarks/compare, so both time the same work.
/// </summary>
internal sealed class TrainingStep : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly List<Parameter> parameters;
    private readonly OptimizerHelper optimizer;
    private readonly double gradientNormLimit;

    public TrainingStep(nn.Module<Tensor, Tensor> model, TextClassifierOptions options)
    {
        this.model = model;
        parameters = model.parameters().Where(parameter => parameter.requires_grad).ToList();
        optimizer = OptimizerFactory.Create(options.Optimizer, parameters, options.LearningRate, options.WeightDecay);
        gradientNormLimit = new Trainer(options).GradientNormLimit(model);
    }

    /// <summary>Takes one step on the batch and returns its loss.</summary>
    public float Run(Tensor tokenIds, Tensor targets)
    {
        using var scope = NewDisposeScope();
        model.train();
        optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(model.call(tokenIds), targets);
        loss.backward();
        if (gradientNormLimit > 0)
        {
            nn.utils.clip_grad_norm_(parameters, gradientNormLimit);
        }

        optimizer.step();
        return loss.item<float>();
    }

    public void Dispose() => optimizer.Dispose();
}
