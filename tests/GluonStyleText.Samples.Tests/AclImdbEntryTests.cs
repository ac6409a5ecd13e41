using GluonStyleText.Samples.Imdb.Data;

namespace GluonStyleText.Samples.Tests;

public sealed class AclImdbEntryTests
{
    [Theory]
    [InlineData("aclImdb/train/pos/0_9.txt", "Train", 1, 0)]
    [InlineData("aclImdb/train/neg/12499_1.txt", "Train", 0, 12499)]
    [InlineData("./aclImdb/test/pos/7_10.txt", "Test", 1, 7)]
    [InlineData(@"C:\data\aclImdb\test\neg\42_4.txt", "Test", 0, 42)]
    public void LabelledReviewPathGivesSplitSentimentAndId(string path, string split, int sentiment, int id) =>
        Assert.Equal(new AclImdbEntry(Enum.Parse<ImdbSplit>(split), sentiment, id), AclImdbEntry.FromPath(path));

    [Theory]
    [InlineData("aclImdb/train/unsup/0_0.txt")]
    [InlineData("aclImdb/train/urls_pos.txt")]
    [InlineData("aclImdb/train/labeledBow.feat")]
    [InlineData("aclImdb/imdb.vocab")]
    [InlineData("aclImdb/README")]
    [InlineData("aclImdb/train/pos/")]
    [InlineData("aclImdb/valid/pos/1_8.txt")]
    public void OtherFilesAreSkipped(string path) => Assert.Null(AclImdbEntry.FromPath(path));

    [Theory]
    [InlineData("aclImdb/train/pos/notes.txt")]
    [InlineData("aclImdb/test/neg/_3.txt")]
    [InlineData("aclImdb/test/neg/5_.txt")]
    [InlineData("aclImdb/test/neg/-5_3.txt")]
    public void MisnamedReviewIsRejectedNamingThePath(string path)
    {
        var error = Assert.Throws<InvalidDataException>(() => AclImdbEntry.FromPath(path));

        Assert.Equal($"{path}: expected a review file named <id>_<rating>.txt, like 0_9.txt.", error.Message);
    }
}
