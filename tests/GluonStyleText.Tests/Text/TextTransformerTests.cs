using GluonStyleText.Text;

namespace GluonStyleText.Tests.Text;

public sealed class TextTransformerTests
{
    private static TextTransformer FitSmall(int sequenceLength = 6, int vocabularySize = 100, bool mapUnknownWords = true, int minCount = 1, bool keepLastWords = false) =>
        TextTransformer.Fit(
            ["the cat sat on the mat", "the dog sat", "a cat and a dog"],
            new TextTransformerOptions
            {
                SequenceLength = sequenceLength,
                VocabularySize = vocabularySize,
                MapUnknownWords = mapUnknownWords,
                MinCount = minCount,
                KeepLastWords = keepLastWords,
            });

    [Fact]
    public void FitNumbersWordsByFrequencyThenOrdinally()
    {
        var transformer = FitSmall();

        // the:3; a, cat, dog, sat: 2 (ordinal); and, mat, on: 1 (ordinal).
        Assert.Equal(["<pad>", "<unk>", "the", "a", "cat", "dog", "sat", "and", "mat", "on"], transformer.Vocabulary.Words);
    }

    [Fact]
    public void FitDoesNotDependOnTheOrderOfTheTexts()
    {
        var texts = Enumerable.Range(0, 2000).Select(i => $"w{i % 37} w{i % 11} shared x{i % 5}").ToList();
        var options = new TextTransformerOptions { VocabularySize = 20 };

        var forward = TextTransformer.Fit(texts, options);
        var backward = TextTransformer.Fit(Enumerable.Reverse(texts).ToList(), options);

        Assert.Equal(forward.Vocabulary.Words, backward.Vocabulary.Words);
    }

    [Fact]
    public void FitKeepsAtMostVocabularySizeIdsAndHonoursMinCount()
    {
        var small = FitSmall(vocabularySize: 5);
        var frequent = FitSmall(minCount: 2);

        Assert.Equal(["<pad>", "<unk>", "the", "a", "cat"], small.Vocabulary.Words);
        Assert.Equal(["<pad>", "<unk>", "the", "a", "cat", "dog", "sat"], frequent.Vocabulary.Words);
    }

    [Fact]
    public void EncodeMapsUnknownWordsToOneAndPadsOnTheRight()
    {
        var transformer = FitSmall();

        Assert.Equal([2L, 4, 1, 6, 0, 0], transformer.Encode("The cat zebra SAT"));
    }

    [Fact]
    public void EncodeCanDropUnknownWordsAsTheSeedDid()
    {
        var transformer = FitSmall(sequenceLength: 3, mapUnknownWords: false);

        // Unknown words are dropped before truncation, so three known words still fill the row.
        Assert.Equal([2L, 4, 6], transformer.Encode("zebra the yak cat gnu sat dog"));
        Assert.Equal([0L, 0, 0], transformer.Encode("zebra yak"));
    }

    [Fact]
    public void EncodeKeepsTheFirstWordsOfALongText()
    {
        var transformer = FitSmall(sequenceLength: 3);

        Assert.Equal([5L, 4, 2], transformer.Encode("dog cat the mat on a"));
    }

    [Fact]
    public void RareWordsBecomeUnknownRatherThanClippedToTheLastId()
    {
        // The seed clipped ids >= vocab_size to vocab_size - 1, merging every rare word with a real one.
        var transformer = FitSmall(vocabularySize: 5);

        var ids = transformer.Encode("the a cat dog sat and mat on");

        Assert.Equal([2L, 3, 4, 1, 1, 1], ids);
        Assert.All(ids, id => Assert.InRange(id, 0, 4));
    }

    [Fact]
    public void EncodeIntoASpanReportsTheNumberOfWords()
    {
        var transformer = FitSmall();
        Span<long> ids = stackalloc long[6];
        ids.Fill(-1);

        var words = transformer.Encode("the dog", ids);

        Assert.Equal(2, words);
        Assert.Equal([2L, 5, 0, 0, 0, 0], ids.ToArray());
        Assert.Throws<ArgumentException>(() => transformer.Encode("the", new long[5]));
    }

    [Fact]
    public void EncodeBatchEqualsEncodingEachText()
    {
        var transformer = FitSmall(sequenceLength: 4);
        var random = new Random(7);
        string[] words = ["the", "cat", "sat", "dog", "zebra", "A", "mat!", "<br />", "on"];
        var texts = Enumerable.Range(0, 1000)
            .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(0, 9)).Select(_ => words[random.Next(words.Length)])))
            .ToList();

        var batch = transformer.EncodeBatch(texts);

        Assert.Equal(texts.Count, batch.GetLength(0));
        Assert.Equal(4, batch.GetLength(1));
        for (var row = 0; row < texts.Count; row++)
        {
            var single = transformer.Encode(texts[row]);
            Assert.Equal(single, Enumerable.Range(0, 4).Select(column => batch[row, column]));
        }
    }

    [Fact]
    public void EncodeBatchOfNothingIsEmpty()
    {
        Assert.Equal(0, FitSmall().EncodeBatch([]).GetLength(0));
    }

    [Fact]
    public void EncodeBatchNamesANullText()
    {
        var error = Assert.Throws<ArgumentException>(() => FitSmall().EncodeBatch(["a", null!]));

        Assert.Contains("Text 1 is null", error.Message);
    }

    [Fact]
    public void EncodeBatchHonoursCancellation()
    {
        var texts = Enumerable.Repeat("the cat", 10_000).ToList();

        Assert.ThrowsAny<OperationCanceledException>(() => FitSmall().EncodeBatch(texts, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void DecodeSkipsPaddingAndShowsUnknownWords()
    {
        var transformer = FitSmall();

        Assert.Equal("the cat <unk> sat", transformer.Decode(transformer.Encode("the cat zebra sat")));
        Assert.Equal(string.Empty, transformer.Decode([0, 0]));
    }

    [Fact]
    public void DecodeNamesAnIdOutsideTheVocabulary()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => FitSmall().Decode([2, 10]));

        Assert.Contains("Id 10 at position 1 is outside the vocabulary (0 to 9)", error.Message);
    }

    [Fact]
    public void ConstructorRejectsAVocabularyLargerThanTheOptionsAllow()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new TextTransformer(new TextTransformerOptions { VocabularySize = 3 }, new Vocabulary(["a", "b"])));

        Assert.Contains("VocabularySize", error.Message);
    }

    [Fact]
    public void ConstructorValidatesAndCopiesTheOptions()
    {
        var options = new TextTransformerOptions { SequenceLength = 4 };
        var transformer = new TextTransformer(options, new Vocabulary(["a"]));
        options.SequenceLength = 8;

        Assert.Equal(4, transformer.SequenceLength);
        Assert.Equal(4, transformer.GetOptions().SequenceLength);
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new TextTransformer(new TextTransformerOptions { SequenceLength = 0 }, new Vocabulary(["a"])));
    }

    [Theory]
    [InlineData("cat dog", new long[] { 4, 5, 0, 0 })]
    [InlineData("the a cat dog", new long[] { 2, 3, 4, 5 })]
    [InlineData("the a cat dog sat", new long[] { 3, 4, 5, 6 })]
    [InlineData("on mat the a cat dog sat and", new long[] { 4, 5, 6, 7 })]
    public void KeepLastWordsKeepsTheEndInOrderAndPadsOnTheRight(string text, long[] expected)
    {
        var transformer = FitSmall(sequenceLength: 4, keepLastWords: true);

        Assert.Equal(expected, transformer.Encode(text));
    }

    [Fact]
    public void KeepLastWordsSkipsDroppedUnknownWordsAndAgreesWithTheBatchEncoder()
    {
        var transformer = FitSmall(sequenceLength: 3, mapUnknownWords: false, keepLastWords: true);
        string[] texts = ["the cat zebra sat yak on", "dog", "a b c d e f g h the"];

        var batch = transformer.EncodeBatch(texts);

        Assert.Equal(new long[] { 4, 6, 9 }, transformer.Encode(texts[0]));
        Assert.Equal(new long[] { 5, 0, 0 }, transformer.Encode(texts[1]));
        Assert.Equal(new long[] { 3, 2, 0 }, transformer.Encode(texts[2]));
        for (var row = 0; row < texts.Length; row++)
        {
            Assert.Equal(transformer.Encode(texts[row]), Enumerable.Range(0, 3).Select(i => batch[row, i]).ToArray());
        }
    }

    [Fact]
    public void KeepLastWordsSurvivesSavingAndLoading()
    {
        var transformer = FitSmall(sequenceLength: 2, keepLastWords: true);
        using var stream = new MemoryStream();
        transformer.Save(stream);
        stream.Position = 0;

        var loaded = TextTransformer.Load(stream, "transformer.json");

        Assert.True(loaded.GetOptions().KeepLastWords);
        Assert.Equal(new long[] { 5, 6 }, loaded.Encode("the cat dog sat"));
    }
}
