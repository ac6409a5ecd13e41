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

    [Fact]
    public void WordsDifferingOnlyInHighCharacterBitsStillSpreadOverTheSlots()
    {
        // 4096 four-character words that differ only in the top bits of their last character, which
        // land in the top bits of the packed 64-bit key.
        var words = Enumerable.Range(0, 4096).Select(i => "abc" + (char)(0x1000 + (i << 4))).ToList();
        var table = new WordTable();
        var slots = new HashSet<int>();

        foreach (var word in words)
        {
            table.GetOrAdd(word);
            slots.Add(WordTable.SlotOf(word, 1 << 16));
        }

        Assert.True(slots.Count > 3000, $"Only {slots.Count} distinct slots for 4096 words.");
        Assert.All(words, word => Assert.True(table.IndexOf(word) >= 0));
    }
}
