using GluonStyleText.Text;

namespace GluonStyleText.Tests.Text;

/// <summary>
/// The spans the tokenizer reports for its words (what explanations highlight) and the removal of one word
/// (what occlusion relies on), across every tokenizer setting.
/// </summary>
public sealed class TokenSpanTests
{
    private static readonly string[] Fragments =
    [
        "a", "b", "z", "0", "9", "A", "Q", "é", "É", "ß", " ", " ", "  ", ",", ".", "'", "-", "\n", "\t",
        "<br />", "<br>", "<BR/>", "</br>", "<b>", "<br ", "<", ">", "&", "&amp;", "&lt;", "&#39;", "&#x27;", "&eacute;",
        "&nbsp;", "&bogus;", "&#65;", "&#x4E00;", ";", "#", "保", "は", "한", "ー", "\u00AD", "👍", "𠮷", "\u00A0", "١", "①",
        "abcdefghijklmnop", "ABCDEFGHIJ", "word", "Word", "xyz123", "caf", "\uD800", "\u212A",
    ];

    [Theory]
    [InlineData("The film was SUPERB!", new[] { "The", "film", "was", "SUPERB" })]
    [InlineData("great<br />AWFUL", new[] { "great", "AWFUL" })]
    [InlineData("caf&eacute; &amp; na&#239;ve", new[] { "caf&eacute;", "na&#239;ve" })]
    [InlineData("iPhoneの画面が&#x4E00;", new[] { "iPhone", "の", "画", "面", "が", "&#x4E00;" })]
    [InlineData("co\u00ADoperate \uFEFFstart 𠮷野", new[] { "co\u00ADoperate", "start", "𠮷", "野" })]
    public void EachWordsSpanIsTheOriginalCharactersItWasMadeFrom(string text, string[] expected)
    {
        var words = new TextTokenizer().TokenizeWithSpans(text);

        Assert.Equal(expected, words.Select(word => text.Substring(word.Start, word.Length)));
    }

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(false, false, true)]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    public void SpansGiveTheSameWordsAsTokenizeInOrderAndEachSpanReadsAsItsWord(bool lowercase, bool asciiOnly, bool splitCjk)
    {
        var tokenizer = new TextTokenizer(lowercase, asciiOnly, splitCjk);
        foreach (var text in RandomTexts(2000, seed: 77))
        {
            var words = tokenizer.TokenizeWithSpans(text);

            Assert.True(tokenizer.Tokenize(text).SequenceEqual(words.Select(word => word.Word)), $"Text: \"{text}\"");
            var end = 0;
            foreach (var word in words)
            {
                Assert.True(word.Start >= end && word.Length > 0, $"Text: \"{text}\", word '{word.Word}' at {word.Start}+{word.Length}");
                end = word.Start + word.Length;
                Assert.Equal([word.Word], tokenizer.Tokenize(text.AsSpan(word.Start, word.Length)));
            }
        }
    }

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(true, true, true)]
    [InlineData(false, false, false)]
    public void RemovingAWordLeavesExactlyTheOtherWords(bool lowercase, bool asciiOnly, bool splitCjk)
    {
        var tokenizer = new TextTokenizer(lowercase, asciiOnly, splitCjk);
        foreach (var text in RandomTexts(600, seed: 78).Append("<br foo> a&b;c"))
        {
            var words = tokenizer.TokenizeWithSpans(text);
            for (var i = 0; i < words.Count; i++)
            {
                var without = TextTokenizer.WithoutWord(text, words[i]);

                var expected = words.Where((_, j) => j != i).Select(word => word.Word);
                Assert.True(expected.SequenceEqual(tokenizer.Tokenize(without)), $"Text: \"{text}\" without word {i} '{words[i].Word}': \"{without}\"");
            }
        }
    }

    private static IEnumerable<string> RandomTexts(int count, int seed)
    {
        var random = new Random(seed);
        for (var sample = 0; sample < count; sample++)
        {
            yield return string.Concat(Enumerable.Range(0, random.Next(0, 30)).Select(_ => Fragments[random.Next(Fragments.Length)]));
        }
    }
}
