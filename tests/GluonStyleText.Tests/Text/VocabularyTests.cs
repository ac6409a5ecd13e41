using GluonStyleText.Text;

namespace GluonStyleText.Tests.Text;

public sealed class VocabularyTests
{
    [Fact]
    public void ReservesPaddingAndUnknownBeforeTheWords()
    {
        var vocabulary = new Vocabulary(["the", "movie", "保"]);

        Assert.Equal(5, vocabulary.Count);
        Assert.Equal(["<pad>", "<unk>", "the", "movie", "保"], vocabulary.Words);
        Assert.Equal(Vocabulary.PaddingToken, vocabulary.GetWord(Vocabulary.PaddingId));
        Assert.Equal(Vocabulary.UnknownToken, vocabulary.GetWord(Vocabulary.UnknownId));
        Assert.Equal("movie", vocabulary.GetWord(3));
    }

    [Fact]
    public void FindsWordsBySpanAndGivesUnknownForTheRest()
    {
        var vocabulary = new Vocabulary(["the", "movie"]);
        var text = "a movie".AsSpan();

        Assert.True(vocabulary.TryGetId(text[2..], out var known));
        Assert.False(vocabulary.TryGetId(text[..1], out var unknown));

        Assert.Equal(3, known);
        Assert.Equal(Vocabulary.UnknownId, unknown);
    }

    [Fact]
    public void GetWordRejectsIdsOutsideTheVocabulary()
    {
        var vocabulary = new Vocabulary(["a"]);

        Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.GetWord(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.GetWord(-1));
    }

    [Theory]
    [InlineData(new[] { "a", "b", "a" }, "Word 2 of the vocabulary, 'a', repeats word 0.")]
    [InlineData(new[] { "a", "" }, "Word 1 of the vocabulary is null or empty.")]
    [InlineData(new[] { "<unk>" }, "Word 0 of the vocabulary is the reserved token '<unk>'.")]
    public void RejectsBadWordsNamingTheirPosition(string[] words, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new Vocabulary(words));

        Assert.StartsWith(message, error.Message);
    }
}
