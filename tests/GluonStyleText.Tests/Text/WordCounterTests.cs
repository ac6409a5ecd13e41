using GluonStyleText.Text;

namespace GluonStyleText.Tests.Text;

public sealed class WordCounterTests
{
    [Fact]
    public void CountsWordsGivenAsSpans()
    {
        var counter = new WordCounter();
        var text = "the cat the hat".AsSpan();

        counter.Add(text[..3]);
        counter.Add(text[4..7]);
        counter.Add(text[8..11]);
        counter.Add("hat", 5);

        Assert.Equal(2, counter.GetCount("the"));
        Assert.Equal(1, counter.GetCount("cat"));
        Assert.Equal(5, counter.GetCount("hat"));
        Assert.Equal(0, counter.GetCount("dog"));
        Assert.Equal(3, counter.DistinctWords);
        Assert.Equal(8, counter.TotalWords);
    }

    [Fact]
    public void RejectsEmptyWordsAndNegativeCounts()
    {
        var counter = new WordCounter();

        Assert.Throws<ArgumentException>(() => counter.Add(string.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Add("a", -1));
    }

    [Fact]
    public void MergeAddsCounts()
    {
        var first = new WordCounter();
        first.Add("a", 2);
        first.Add("b");
        var second = new WordCounter();
        second.Add("b", 3);
        second.Add("c");

        first.Merge(second);

        Assert.Equal(2, first.GetCount("a"));
        Assert.Equal(4, first.GetCount("b"));
        Assert.Equal(1, first.GetCount("c"));
        Assert.Equal(7, first.TotalWords);
        Assert.Equal(4, second.TotalWords);
    }

    [Fact]
    public void MostFrequentOrdersByCountThenOrdinally()
    {
        var counter = new WordCounter();
        counter.Add("pear", 2);
        counter.Add("b", 5);
        counter.Add("apple", 2);
        counter.Add("B", 2);
        counter.Add("z", 9);
        counter.Add("once", 1);

        var top = counter.MostFrequent(10);

        // Ordinal: "B" (U+0042) sorts before lowercase letters.
        Assert.Equal(["z", "b", "B", "apple", "pear", "once"], top.Select(entry => entry.Key));
        Assert.Equal([9L, 5, 2, 2, 2, 1], top.Select(entry => entry.Value));
    }

    [Fact]
    public void MostFrequentKeepsTheBestWordsAndHonoursMinCount()
    {
        var counter = new WordCounter();
        for (var i = 1; i <= 100; i++)
        {
            counter.Add("w" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), i % 10);
        }

        var top = counter.MostFrequent(12, minCount: 9);
        var none = counter.MostFrequent(0);
        var frequent = counter.MostFrequent(1000, minCount: 8);

        Assert.Equal(10, top.Count); // only ten words have count 9
        Assert.All(top, entry => Assert.Equal(9, entry.Value));
        Assert.Equal("w009", top[0].Key);
        Assert.Equal("w099", top[^1].Key);
        Assert.Empty(none);
        Assert.Equal(20, frequent.Count);
        Assert.All(frequent.Take(10), entry => Assert.Equal(9, entry.Value));
    }

    [Fact]
    public void CountTokenizesTextsOnEveryCoreAndReportsProgress()
    {
        var texts = Enumerable.Range(0, 10_000).Select(i => i % 2 == 0 ? "Even, even!" : "odd &amp; ODD").ToList();
        var reports = new List<long>();
        var progress = new SynchronousProgress<long>(reports.Add);

        var counter = WordCounter.Count(texts, new TextTokenizer(), progress);

        Assert.Equal(10_000, counter.GetCount("even"));
        Assert.Equal(10_000, counter.GetCount("odd"));
        Assert.Equal(2, counter.DistinctWords);
        Assert.Equal(10_000, reports[^1]);
        Assert.Equal(reports.Order(), reports);
    }

    [Fact]
    public void CountNamesANullText()
    {
        string?[] texts = ["a", "b", null, "c"];

        var error = Assert.Throws<ArgumentException>(() => WordCounter.Count(texts!, new TextTokenizer()));

        Assert.Contains("Text 2 is null", error.Message);
    }

    [Fact]
    public void CountLetsErrorsOfTheSourceThroughUnwrapped()
    {
        static IEnumerable<string> Failing()
        {
            yield return "fine";
            throw new InvalidDataException("bad row 7 in claims.csv");
        }

        var error = Assert.Throws<InvalidDataException>(() => WordCounter.Count(Failing(), new TextTokenizer()));

        Assert.Equal("bad row 7 in claims.csv", error.Message);
    }
}
