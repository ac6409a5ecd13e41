using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GluonStyleText.Models;

// TorchSharp names a module's parameters after its fields (RegisterComponents): "embedding.weight" is
// in every saved bundle and checkpoint, so these fields keep their names rather than the _camelCase rule.
#pragma warning disable IDE1006

/// <summary>
/// A bag of word bigrams, as fastText's <c>-wordNgrams 2</c>: each pair of neighbouring real tokens is
/// hashed into one of <c>buckets</c> learned vectors, and a text is the mean of its pairs' vectors.
/// Hashing keeps the table a fixed size however many distinct pairs the data holds, and needs no
/// bigram vocabulary in the bundle because the hash is computed from the word ids.
/// </summary>
internal sealed class HashedBigramBag : nn.Module<Tensor, Tensor>
{
    // A prime well above any vocabulary size, so that (first, second) pairs spread over the buckets.
    private const long FirstWordMultiplier = 1_000_003;

    private readonly Embedding vectors;
    private readonly long buckets;

    /// <summary>Creates the table: <paramref name="buckets"/> vectors of <paramref name="size"/> values, plus a zero row for "no bigram".</summary>
    /// <param name="buckets">Number of hash buckets (at least 1).</param>
    /// <param name="size">Values per bigram vector (at least 1).</param>
    /// <param name="initialRange">Half-width of the uniform range the vectors start in, drawn from torch's global generator.</param>
    /// <param name="sparseGradients">Whether the table's gradient is sparse (for the trainer's sparse Adam).</param>
    public HashedBigramBag(long buckets, long size, double initialRange, bool sparseGradients = false)
        : base(nameof(HashedBigramBag))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        this.buckets = buckets;
        vectors = nn.Embedding(buckets + 1, size, padding_idx: 0, sparse: sparseGradients);
        using (no_grad())
        {
            vectors.weight!.uniform_(-initialRange, initialRange);
            vectors.weight![0].zero_();
        }

        RegisterComponents();
    }

    /// <summary>The mean bigram vector <c>[batch, size]</c> of token ids <c>[batch, seq_len]</c> (0 = padding); zeros for a text without a bigram.</summary>
    /// <param name="tokenIds">Token ids, int64.</param>
    public override Tensor forward(Tensor tokenIds)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        using var scope = NewDisposeScope();
        long pairs = Math.Max(tokenIds.shape[1] - 1, 0);
        var first = tokenIds.narrow(1, 0, pairs);
        var second = tokenIds.narrow(1, 1, pairs);
        var isBigram = first.ne(0).logical_and(second.ne(0));
        var bucket = ((first * FirstWordMultiplier + second).remainder(buckets) + 1) * isBigram;
        var sum = vectors.call(bucket).sum(1);
        var count = isBigram.sum(1, keepdim: true, type: sum.dtype).clamp_min(1);
        return (sum / count).MoveToOuterDisposeScope();
    }
}
