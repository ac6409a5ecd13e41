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
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly List<Parameter> _parameters;
    private readonly OptimizerHelper _optimizer;
    private readonly double _gradientNormLimit;

    public TrainingStep(nn.Module<Tensor, Tensor> model, TextClassifierOptions options)
    {
        this._model = model;
        _parameters = model.parameters().Where(parameter => parameter.requires_grad).ToList();
        _optimizer = OptimizerFactory.Create(options.Optimizer, _parameters, options.LearningRate, options.WeightDecay);
        _gradientNormLimit = new Trainer(options).GradientNormLimit(model);
    }

    /// <summary>Takes one step on the batch and returns its loss.</summary>
    public float Run(Tensor tokenIds, Tensor targets)
    {
        using var scope = NewDisposeScope();
        _model.train();
        _optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(_model.call(tokenIds), targets);
        loss.backward();
        if (_gradientNormLimit > 0)
        {
            nn.utils.clip_grad_norm_(_parameters, _gradientNormLimit);
        }

        _optimizer.step();
        return loss.item<float>();
    }

    public void Dispose() => _optimizer.Dispose();
}
