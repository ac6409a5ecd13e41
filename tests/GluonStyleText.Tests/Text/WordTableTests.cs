using GluonStyleText.Text;

namespace GluonStyleText.Tests.Text;

public sealed class WordTableTests
{
    [Fact]
    public void NumbersWordsInTheOrderTheyAreAdded()
    {
        var table = new WordTable();

        Assert.Equal(0, table.GetOrAdd("the"));
        Assert.Equal(1, table.GetOrAdd("internationalization"));
        Assert.Equal(0, table.GetOrAdd("the"));
        Assert.Equal(2, table.GetOrAdd("a"));

        Assert.Equal(3, table.Count);
        Assert.Equal(1, table.IndexOf("internationalization"));
        Assert.Equal("internationalization", table.GetWord(1).ToString());
        Assert.Equal(-1, table.IndexOf("missing"));
    }

    [Fact]
    public void TellsApartWordsThatShareTheirFirstCharactersOrDifferOnlyInLength()
    {
        string[] words = ["abcd", "abcde", "abcdf", "abc", "ab", "a", "ab\0", "a\0", "abcdabcd", "abcdabce", "abcdefg", "abcdxefg", "abcd1234wxyz", "abcd5678wxyz", "保証", "𠮷"];
        var table = new WordTable();
        foreach (var word in words)
        {
            table.GetOrAdd(word);
        }

        for (var i = 0; i < words.Length; i++)
        {
            Assert.Equal(i, table.IndexOf(words[i]));
            Assert.Equal(words[i], table.GetWord(i).ToString());
        }
        Assert.Equal(-1, table.IndexOf("abcdabcf"));
        Assert.Equal(-1, table.IndexOf("abcd9999wxyz"));
        Assert.Equal(-1, table.IndexOf("abcdxxfg"));
        Assert.Equal(-1, table.IndexOf(string.Empty));
    }

    [Fact]
    public void GrowsWithoutLosingWords()
    {
        var table = new WordTable();
        for (var i = 0; i < 100_000; i++)
        {
            Assert.Equal(i, table.GetOrAdd("w" + i));
        }

        for (var i = 0; i < 100_000; i += 997)
        {
            Assert.Equal(i, table.IndexOf("w" + i));
        }
        Assert.Equal(100_000, table.Count);
    }
}
