using GluonStyleText.Text;

namespace GluonStyleText.Training;

/// <summary>
/// Word dropout to the unknown id (Kiperwasser and Goldberg, 2016): during training each occurrence of a word seen
/// <c>n</c> times in the training texts is replaced by <see cref="Vocabulary.UnknownId"/> with probability
/// <c>alpha / (alpha + n)</c>. Without it the unknown id never occurs in training when every word is kept
/// (min_count 1), so the words of new texts that training never saw all meet an untrained, random vector; with it
/// that vector learns from the rare words what an unseen word in a given place tends to mean, while frequent
/// words are hardly touched and the rare ones keep their own vectors most of the time.
/// </summary>
internal sealed class UnknownWordDropout
{
    private readonly float[] _dropProbability;
    private readonly Random _random;

    private UnknownWordDropout(float[] dropProbability, int seed)
    {
        this._dropProbability = dropProbability;
        _random = new Random(seed);
    }

    /// <summary>
    /// Counts every id in <paramref name="training"/> and derives its drop probability; null when
    /// <paramref name="alpha"/> is 0 (off).
    /// </summary>
    /// <param name="training">The texts the model is trained on (not the validation ones).</param>
    /// <param name="vocabularySize">Ids are below this.</param>
    /// <param name="alpha">The occurrence count at which a word is dropped half the time.</param>
    /// <param name="seed">Seed of the draws, so that a run is reproducible.</param>
    internal static UnknownWordDropout? Create(EncodedDataset training, int vocabularySize, double alpha, int seed)
    {
        if (alpha <= 0)
        {
            return null;
        }

        var counts = new long[vocabularySize];
        for (int row = 0; row < training.Count; row++)
        {
            foreach (long id in training.Row(row))
            {
                if (id != 0)
                {
                    counts[id]++;
                }
            }
        }

        var probability = new float[vocabularySize];
        for (int id = Vocabulary.ReservedCount; id < vocabularySize; id++)
        {
            // Ids no training text holds are never drawn, whatever their probability.
            probability[id] = (float)(alpha / (alpha + counts[id]));
        }

        return new UnknownWordDropout(probability, seed);
    }

    /// <summary>The drop probability of <paramref name="id"/>: 0 for padding and the unknown id itself.</summary>
    internal float Probability(long id) => _dropProbability[id];

    /// <summary>Replaces, in place, each id of <paramref name="ids"/> by the unknown id with its drop probability.</summary>
    internal void Apply(Span<long> ids)
    {
        for (int i = 0; i < ids.Length; i++)
        {
            long id = ids[i];
            if (id >= Vocabulary.ReservedCount && _random.NextSingle() < _dropProbability[id])
            {
                ids[i] = Vocabulary.UnknownId;
            }
        }
    }
}
