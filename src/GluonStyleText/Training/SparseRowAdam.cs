using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GluonStyleText.Training;

/// <summary>
/// Adam for the big lookup tables (word embedding, hashed bigram bag) whose gradients are sparse:
/// a step reads and writes only the rows the batch touched, in the weights and in both moments.
/// TorchSharp 0.107 has no SparseAdam, and dense Adam would sweep every one of up to a million rows
/// per step although a batch touches a few thousand.
/// </summary>
/// <remarks>
/// The semantics are PyTorch's SparseAdam ("lazy Adam"): untouched rows keep their moments instead of
/// decaying them, and the bias correction comes from the global step count, not a per-row count. On
/// the first step this equals dense Adam on the touched rows (and on the others, which dense Adam
/// moves by 0 as well); afterwards a row that skipped steps gets a larger update than under dense
/// Adam, whose decaying moments would have kept nudging it. Weight decay also acts on touched rows
/// only: as an L2 term on their gradient for adam, decoupled for adamw.
/// </remarks>
internal sealed class SparseRowAdam : IDisposable
{
    // TorchSharp's Adam defaults, so that the dense and the sparse parameters move alike.
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    private readonly Parameter[] _parameters;
    private readonly Tensor[] _firstMoments;
    private readonly Tensor[] _secondMoments;
    private readonly double _weightDecay;
    private readonly bool _decoupledWeightDecay;

    /// <summary>Creates zero moments for <paramref name="parameters"/> (2-D tables with sparse gradients).</summary>
    internal SparseRowAdam(IReadOnlyList<Parameter> parameters, double learningRate, double weightDecay, bool decoupledWeightDecay)
    {
        this._parameters = [.. parameters];
        _firstMoments = this._parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _secondMoments = this._parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        LearningRate = learningRate;
        this._weightDecay = weightDecay;
        this._decoupledWeightDecay = decoupledWeightDecay;
    }

    /// <summary>The learning rate of the next step; the schedule changes it like the dense optimizer's.</summary>
    internal double LearningRate { get; set; }

    /// <summary>Steps taken so far (the bias correction's exponent).</summary>
    internal long Steps { get; private set; }

    /// <summary>True when <paramref name="optimizerName"/> is one this class can stand in for on sparse tables.</summary>
    internal static bool Supports(string optimizerName) =>
        optimizerName.Trim().ToLowerInvariant() is "adam" or "adamw";

    /// <summary>
    /// Each table's gradient as distinct rows and their summed values (null when it has none), in the
    /// caller's dispose scope. The embedding backward emits one row per token, duplicates included,
    /// and TorchSharp 0.107 offers no coalesce, hence the unique and index_add.
    /// </summary>
    internal (Tensor Rows, Tensor Values)?[] Gradients()
    {
        var gradients = new (Tensor Rows, Tensor Values)?[_parameters.Length];
        for (int i = 0; i < _parameters.Length; i++)
        {
            var grad = _parameters[i].grad;
            if (grad is null || !grad.is_sparse)
            {
                continue;
            }

            var rows = grad.SparseIndices[0];
            var (distinct, inverse, _) = rows.unique(return_inverse: true);
            var values = zeros([distinct.shape[0], grad.shape[1]], grad.dtype, grad.device).index_add_(0, inverse!, grad.SparseValues, 1);
            gradients[i] = (distinct, values);
        }

        return gradients;
    }

    /// <summary>Drops the sparse gradients; the next backward creates fresh ones of the batch's size.</summary>
    internal void ZeroGrad()
    {
        foreach (var parameter in _parameters)
        {
            parameter.grad = null;
        }
    }

    /// <summary>One Adam step on the touched rows of every table, from <see cref="Gradients"/> (possibly clipped).</summary>
    internal void Step((Tensor Rows, Tensor Values)?[] gradients)
    {
        Steps++;
        double stepSize = LearningRate / (1 - Math.Pow(Beta1, Steps));
        double secondCorrection = Math.Sqrt(1 - Math.Pow(Beta2, Steps));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (gradients[i] is not var (rows, grad))
            {
                continue;
            }

            var weights = _parameters[i].index_select(0, rows);
            if (_weightDecay > 0 && _decoupledWeightDecay)
            {
                weights.mul_(1 - (LearningRate * _weightDecay));
            }
            else if (_weightDecay > 0)
            {
                grad = grad.add(weights, alpha: _weightDecay);
            }

            var first = _firstMoments[i].index_select(0, rows).mul_(Beta1).add_(grad, alpha: 1 - Beta1);
            var second = _secondMoments[i].index_select(0, rows).mul_(Beta2).addcmul_(grad, grad, 1 - Beta2);
            _firstMoments[i].index_copy_(0, rows, first);
            _secondMoments[i].index_copy_(0, rows, second);
            var denominator = (second.sqrt() / secondCorrection).add_(Epsilon);
            _parameters[i].index_copy_(0, rows, weights.addcdiv_(first, denominator, value: -stepSize));
        }
    }

    /// <summary>Writes the step count and both moments of every table.</summary>
    internal void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Steps);
        writer.Write(_parameters.Length);
        for (int i = 0; i < _parameters.Length; i++)
        {
            _firstMoments[i].Save(writer);
            _secondMoments[i].Save(writer);
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote, into tables of the same shapes.</summary>
    /// <exception cref="InvalidDataException">The state is for a different number of tables.</exception>
    internal void Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        long steps = reader.ReadInt64();
        int tables = reader.ReadInt32();
        if (tables != _parameters.Length)
        {
            throw new InvalidDataException($"The sparse Adam state holds {tables} tables, but the model has {_parameters.Length}.");
        }

        for (int i = 0; i < _parameters.Length; i++)
        {
            _firstMoments[i].Load(reader);
            _secondMoments[i].Load(reader);
        }

        Steps = steps;
    }

    /// <summary>Releases the moments.</summary>
    public void Dispose()
    {
        foreach (var moment in _firstMoments.Concat(_secondMoments))
        {
            moment.Dispose();
        }
    }
}
