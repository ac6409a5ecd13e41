using System.Globalization;
using GluonStyleText.Text;

namespace GluonStyleText.Tests.Text;

public sealed class TextTokenizerTests
{
    private static readonly TextTokenizer Default = new();

    [Theory]
    [InlineData("Hello, world! It's 10:30.", new[] { "hello", "world", "it", "s", "10", "30" })]
    [InlineData("  leading and trailing  ", new[] { "leading", "and", "trailing" })]
    [InlineData("line\none\r\ntwo\tthree", new[] { "line", "one", "two", "three" })]
    [InlineData("don't won't", new[] { "don", "t", "won", "t" })]
    [InlineData("e-mail foo_bar a/b", new[] { "e", "mail", "foo", "bar", "a", "b" })]
    [InlineData("", new string[0])]
    [InlineData(" .,;!? ", new string[0])]
    public void PunctuationAndWhiteSpaceSeparateWords(string text, string[] expected) =>
        Assert.Equal(expected, Default.Tokenize(text));

    [Theory]
    [InlineData("one<br />two<br>three<BR/>four</br>five<br  / >six", new[] { "one", "two", "three", "four", "five", "six" })]
    [InlineData("great movie.<br /><br />Really", new[] { "great", "movie", "really" })]
    [InlineData("<b>bold</b> <brown>", new[] { "b", "bold", "b", "brown" })]
    [InlineData("a < b and c > d", new[] { "a", "b", "and", "c", "d" })]
    [InlineData("ends with <br", new[] { "ends", "with", "br" })]
    public void LineBreakTagsSeparateWordsAndLeaveNoBrWord(string text, string[] expected) =>
        Assert.Equal(expected, Default.Tokenize(text));

    [Theory]
    [InlineData("AT&amp;T &lt;3 &gt;&quot;x&quot;", new[] { "at", "t", "3", "x" })]
    [InlineData("don&#39;t don&#x27;t don&apos;t", new[] { "don", "t", "don", "t", "don", "t" })]
    [InlineData("caf&eacute; na&#239;ve &#67;at", new[] { "café", "naïve", "cat" })]
    [InlineData("a&nbsp;b&mdash;c", new[] { "a", "b", "c" })]
    [InlineData("&bogus; &amp &#0; &#xD800; &#;", new[] { "bogus", "amp", "0", "xd800" })]
    [InlineData("x&#x4E00;y", new[] { "x", "\u4E00", "y" })]
    public void HtmlEntitiesCountAsTheCharacterTheyName(string text, string[] expected) =>
        Assert.Equal(expected, Default.Tokenize(text));

    [Theory]
    [InlineData("Café NAÏVE Ñandú Straße", new[] { "café", "naïve", "ñandú", "straße" })]
    [InlineData("Ελληνικά Русский", new[] { "ελληνικά", "русский" })]
    [InlineData("co\u00ADoperate zero\u200Bwidth", new[] { "cooperate", "zerowidth" })]
    [InlineData("great 👍 movie", new[] { "great", "movie" })]
    [InlineData("ab\uD800cd", new[] { "ab", "cd" })]
    [InlineData("\uFEFFstart", new[] { "start" })]
    public void LettersOfEveryScriptSurviveAndAreLowercased(string text, string[] expected) =>
        Assert.Equal(expected, Default.Tokenize(text));

    [Theory]
    [InlineData("Model X200 3.5 2nd ① Ⅻ", new[] { "model", "x200", "3", "5", "2nd", "①", "ⅻ" })]
    [InlineData("١٢٣ ४५", new[] { "١٢٣", "४५" })]
    public void DigitsOfEveryScriptAreKept(string text, string[] expected) =>
        Assert.Equal(expected, Default.Tokenize(text));

    [Theory]
    [InlineData("エンジンが故障した。", new[] { "エ", "ン", "ジ", "ン", "が", "故", "障", "し", "た" })]
    [InlineData("iPhoneの画面", new[] { "iphone", "の", "画", "面" })]
    [InlineData("保証期間は１年です", new[] { "保", "証", "期", "間", "は", "１", "年", "で", "す" })]
    [InlineData("보증 수리", new[] { "보", "증", "수", "리" })]
    [InlineData("𠮷野家", new[] { "𠮷", "野", "家" })]
    [InlineData("々〇ー", new[] { "々", "〇", "ー" })]
    public void CjkCharactersAreWordsOfTheirOwn(string text, string[] expected) =>
        Assert.Equal(expected, Default.Tokenize(text));

    [Fact]
    public void CjkCharactersStayTogetherWhenNotSplit()
    {
        var tokenizer = new TextTokenizer(splitCjkCharacters: false);

        Assert.Equal(["エンジンが故障した", "abc"], tokenizer.Tokenize("エンジンが故障した。ABC"));
    }

    [Fact]
    public void CaseFoldingIgnoresTheCurrentCulture()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
            Assert.Equal("tıtle", "TITLE".ToLower()); // the trap the tokenizer must avoid

            Assert.Equal(["title", "istanbul", "ınvariant"], Default.Tokenize("TITLE ISTANBUL ıNVARIANT"));
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void CaseIsKeptWhenNotLowercasing()
    {
        var tokenizer = new TextTokenizer(lowercase: false);

        Assert.Equal(["Hello", "WORLD", "Café", "x"], tokenizer.Tokenize("Hello WORLD, Café &#120;"));
    }

    [Theory]
    [InlineData("Café naïve — ok", new[] { "caf", "nave", "ok" })]
    [InlineData("a\u00A0b a\u3000b", new[] { "a", "b", "a", "b" })]
    [InlineData("日本語 text", new[] { "text" })]
    [InlineData("\u212Aelvin caf&eacute;", new[] { "kelvin", "caf" })]
    [InlineData("UPPER&#65;", new[] { "uppera" })]
    public void AsciiOnlyRemovesNonAsciiCharactersAsTheSeedDid(string text, string[] expected) =>
        Assert.Equal(expected, new TextTokenizer(asciiOnly: true).Tokenize(text));

    [Fact]
    public void WordsLongerThanTheBufferAreWhole()
    {
        var upper = new string('A', 5000);
        var lower = new string('z', 5000);

        Assert.Equal([new string('a', 5000), lower, "x"], Default.Tokenize(upper + " " + lower + " x"));
    }

    [Fact]
    public void EnumeratingTokensAllocatesNoStringsAndMatchesTokenize()
    {
        const string text = "The QUICK brown fox &amp; the lazy dog's 保証";
        var words = new List<string>();
        foreach (var word in Default.EnumerateTokens(text))
        {
            words.Add(word.ToString());
        }

        Assert.Equal(Default.Tokenize(text), words);
        Assert.Equal(["the", "quick", "brown", "fox", "the", "lazy", "dog", "s", "保", "証"], words);
    }

    [Fact]
    public void OptionsChooseTheTokenizerSettings()
    {
        var tokenizer = new TextTokenizer(new TextTransformerOptions { Lowercase = false, AsciiOnly = true, SplitCjkCharacters = false });

        Assert.False(tokenizer.Lowercase);
        Assert.True(tokenizer.AsciiOnly);
        Assert.False(tokenizer.SplitCjkCharacters);
    }

    /// <summary>
    /// The tokenizer has a vectorized fast path and a general path; random mixtures of every kind of
    /// character must come out as a plain character-by-character reading of the rules says.
    /// </summary>
    [Theory]
    [InlineData(true, false, true)]
    [InlineData(false, false, true)]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    public void MatchesAPlainReadingOfTheRulesOnRandomText(bool lowercase, bool asciiOnly, bool splitCjk)
    {
        string[] fragments =
        [
            "a", "b", "z", "0", "9", "A", "Q", "é", "É", "ß", " ", " ", "  ", ",", ".", "'", "-", "\n", "\t",
            "<br />", "<br>", "<BR/>", "</br>", "<b>", "<", ">", "&", "&amp;", "&lt;", "&#39;", "&#x27;", "&eacute;",
            "&nbsp;", "&bogus;", "&#65;", "保", "は", "한", "ー", "\u00AD", "👍", "𠮷", "\u00A0", "١", "①",
            "abcdefghijklmnop", "ABCDEFGHIJ", "word", "Word", "xyz123", "caf", "\uD800",
        ];
        var random = new Random(1234);
        var tokenizer = new TextTokenizer(lowercase, asciiOnly, splitCjk);
        for (var sample = 0; sample < 3000; sample++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => fragments[random.Next(fragments.Length)]));

            var expected = ReferenceTokenizer.Tokenize(text, lowercase, asciiOnly, splitCjk);

            Assert.True(
                expected.SequenceEqual(tokenizer.Tokenize(text)),
                $"Text: \"{text}\"\nExpected: [{string.Join("|", expected)}]\nActual:   [{string.Join("|", tokenizer.Tokenize(text))}]");
        }
    }
}
