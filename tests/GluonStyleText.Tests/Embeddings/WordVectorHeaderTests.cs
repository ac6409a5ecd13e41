using System.IO.Compression;
using System.Text;
using GluonStyleText.Embeddings;
using GluonStyleText.Tests.Support;

namespace GluonStyleText.Tests.Embeddings;

public sealed class WordVectorHeaderTests
{
    [Theory]
    [InlineData("the 0.1 -0.2 3e-1\n", 3)]
    [InlineData("2 5\nthe 1 2 3 4 5\n", 5)]
    [InlineData("400000 300\r\n", 300)]
    public void TheVectorsDimensionIsReadFromTheFirstLine(string contents, int dimension)
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("v.txt");
        File.WriteAllText(path, contents);

        Assert.Equal(dimension, WordVectorHeader.ReadDimension(path));
    }

    [Fact]
    public void GzippedVectorsAreRead()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("v.txt.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes("the 0.1 0.2\nfilm 0.3 0.4\n"));
        }

        Assert.Equal(2, WordVectorHeader.ReadDimension(path));
    }

    [Fact]
    public void AFileThatIsNotVectorsIsRejected()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("v.txt");
        File.WriteAllText(path, "sentiment,review\n");

        var error = Assert.Throws<EmbeddingFormatException>(() => WordVectorHeader.ReadDimension(path));

        Assert.Contains("v.txt line 1", error.Message, StringComparison.Ordinal);
    }
}
