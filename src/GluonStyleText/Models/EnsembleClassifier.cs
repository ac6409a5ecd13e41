using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GluonStyleText.Models;

// TorchSharp names a module's parameters after its fields (RegisterComponents): "members.0.embedding.weight" is
// in every saved ensemble bundle, so the field keeps its name rather than the _camelCase rule.
#pragma warning disable IDE1006

/// <summary>
/// Several classifiers of the same shape, trained from different seeds, whose class probabilities are averaged
/// (<c>ensemble_size</c>). On few texts without pretrained vectors one run's accuracy depends much on its seed;
/// the mean of a few runs is both steadier and better. The members are trained one by one as single models (each a
/// whole run of its own seed) and only joined here, for saving, evaluation and prediction.
/// </summary>
internal sealed class EnsembleClassifier : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> members;

    /// <summary>Joins <paramref name="trained"/>; the ensemble owns and disposes them.</summary>
    /// <param name="trained">At least two members with the same number of classes.</param>
    public EnsembleClassifier(IReadOnlyList<nn.Module<Tensor, Tensor>> trained)
        : base(nameof(EnsembleClassifier))
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentOutOfRangeException.ThrowIfLessThan(trained.Count, 2, nameof(trained));
        members = nn.ModuleList(trained.ToArray());
        RegisterComponents();
    }

    /// <summary>
    /// The log of the members' mean class probabilities <c>[batch, n_classes]</c>: logits whose softmax is that mean,
    /// so that cross entropy, argmax and softmax treat the ensemble as one classifier.
    /// </summary>
    /// <param name="input">Token ids <c>[batch, seq_len]</c>.</param>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var logProbabilities = stack(members.Select(member => nn.functional.log_softmax(member.call(input), 1)).ToArray());
        return (logProbabilities.logsumexp(0) - Math.Log(members.Count)).MoveToOuterDisposeScope();
    }
}
