namespace GluonStyleText.Samples.Imdb.Data;

/// <summary>The labelled reviews of both splits, as read from the archive or an extracted folder.</summary>
internal sealed class ImdbReviewSets
{
    private readonly List<ImdbReview> _train = [];
    private readonly List<ImdbReview> _test = [];

    /// <summary>Training reviews, in the order they were read.</summary>
    public IReadOnlyList<ImdbReview> Train => _train;

    /// <summary>Test reviews, in the order they were read.</summary>
    public IReadOnlyList<ImdbReview> Test => _test;

    /// <summary>Adds one review to the split its entry names.</summary>
    public void Add(AclImdbEntry entry, string text) =>
        (entry.Split == ImdbSplit.Train ? _train : _test).Add(new ImdbReview(entry.Sentiment, entry.Id, text));

    /// <summary>
    /// Fails when a labelled folder had no review at all: a wrong or truncated source would otherwise
    /// yield a one-class data set that trains without complaint.
    /// </summary>
    /// <param name="source">The archive or folder the reviews came from, for the message.</param>
    /// <exception cref="InvalidDataException">A split has no positive or no negative review.</exception>
    public void EnsureComplete(string source)
    {
        foreach (var (split, sentiment, folder) in AclImdbEntry.LabelledFolders)
        {
            var reviews = split == ImdbSplit.Train ? _train : _test;
            if (!reviews.Exists(review => review.Sentiment == sentiment))
            {
                throw new InvalidDataException(
                    $"{source} holds no reviews in aclImdb/{folder}; expected the aclImdb folders train/pos, train/neg, test/pos and test/neg.");
            }
        }
    }
}
