using GluonStyleText.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GluonStyleText.Training;

/// <summary>
/// The optimizer of a training run: the named TorchSharp optimizer over the dense parameters, plus
/// <see cref="SparseRowAdam"/> over the lookup tables when the model emits sparse gradients for them
/// (adam and adamw only), stepped, clipped and scheduled together.
/// </summary>
internal sealed class TrainingOptimizer : IDisposable
{
    private readonly Parameter[] _denseParameters;

    private TrainingOptimizer(OptimizerHelper dense, Parameter[] denseParameters, SparseRowAdam? sparse)
    {
        Dense = dense;
        this._denseParameters = denseParameters;
        Sparse = sparse;
    }

    /// <summary>The optimizer of every parameter but the sparse tables.</summary>
    internal OptimizerHelper Dense { get; }

    /// <summary>The sparse tables' optimizer, or null when the model has none.</summary>
    internal SparseRowAdam? Sparse { get; }

    /// <summary>Told every step's gradients (dense ones and the sparse tables' row values) as they are applied, after clipping: a seam for tests.</summary>
    internal Action<IReadOnlyList<Tensor>>? GradientsApplied { get; set; }

    /// <summary>Splits the model's trainable parameters into its sparse tables and the rest, and creates both optimizers.</summary>
    internal static TrainingOptimizer Create(string name, nn.Module model, double learningRate, double weightDecay)
    {
        // Matched by name, because every TorchSharp accessor wraps a parameter in a new handle.
        var sparseNames = model is ISparseRowTables tables && SparseRowAdam.Supports(name)
            ? tables.SparseRowParameterNames.ToHashSet(StringComparer.Ordinal)
            : [];
        var trainable = model.named_parameters().Where(named => named.parameter.requires_grad).ToArray();
        var sparseTables = trainable.Where(named => sparseNames.Contains(named.name)).Select(named => named.parameter).ToArray();
        var dense = trainable.Where(named => !sparseNames.Contains(named.name)).Select(named => named.parameter).ToArray();
        var sparse = sparseTables.Length > 0
            ? new SparseRowAdam(sparseTables, learningRate, weightDecay, decoupledWeightDecay: name.Trim().Equals("adamw", StringComparison.OrdinalIgnoreCase))
            : null;
        return new TrainingOptimizer(OptimizerFactory.Create(name, dense, learningRate, weightDecay), dense, sparse);
    }

    /// <summary>Sets the learning rate of both optimizers.</summary>
    internal void SetLearningRate(double learningRate)
    {
        OptimizerFactory.SetLearningRate(Dense, learningRate);
        if (Sparse is not null)
        {
            Sparse.LearningRate = learningRate;
        }
    }

    /// <summary>Clears every gradient before a backward pass.</summary>
    internal void ZeroGrad()
    {
        Dense.zero_grad();
        Sparse?.ZeroGrad();
    }

    /// <summary>
    /// Clips all gradients together to <paramref name="gradientNormLimit"/> (0: no clipping) and steps.
    /// The norm is computed here rather than by clip_grad_norm_, which leaves sparse gradients unscaled,
    /// so that the tables' rows count in the norm and are scaled like the rest.
    /// </summary>
    internal void Step(double gradientNormLimit)
    {
        using var scope = NewDisposeScope();
        var sparseGradients = Sparse?.Gradients() ?? [];
        if (gradientNormLimit > 0)
        {
            Clip(gradientNormLimit, sparseGradients);
        }

        if (GradientsApplied is { } observer)
        {
            observer([.. _denseParameters.Select(p => p.grad).OfType<Tensor>(), .. sparseGradients.OfType<(Tensor Rows, Tensor Values)>().Select(g => g.Values)]);
        }

        Dense.step();
        Sparse?.Step(sparseGradients);
    }

    /// <summary>Releases both optimizers.</summary>
    public void Dispose()
    {
        Dense.Dispose();
        Sparse?.Dispose();
    }

    // Same rule as libtorch's clip_grad_norm_: scale by limit / (norm + 1e-6) when that is below 1.
    private void Clip(double limit, (Tensor Rows, Tensor Values)?[] sparseGradients)
    {
        using var noGrad = no_grad();
        var denseGradients = _denseParameters.Select(p => p.grad).OfType<Tensor>().ToArray();
        var squares = denseGradients.Select(grad => grad.square().sum())
            .Concat(sparseGradients.OfType<(Tensor Rows, Tensor Values)>().Select(g => g.Values.square().sum()))
            .ToArray();
        if (squares.Length == 0)
        {
            return;
        }

        double norm = Math.Sqrt(stack(squares).sum().item<float>());
        double coefficient = limit / (norm + 1e-6);
        if (coefficient >= 1)
        {
            return;
        }

        foreach (var grad in denseGradients)
        {
            grad.mul_(coefficient);
        }

        foreach (var gradient in sparseGradients.OfType<(Tensor Rows, Tensor Values)>())
        {
            gradient.Values.mul_(coefficient);
        }
    }
}
