using GluonStyleText.Embeddings;

namespace GluonStyleText.Tests.Embeddings;

public sealed class MalformedWordVectorFileTests : IDisposable
{
    private static readonly string[] Vocabulary = ["<pad>", "<unk>", "the", "cat"];

    private readonly WordVectorTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("the 1 2 3\nfox 1 2\n", "line 2: expected 3 values after the word, found 2")]
    [InlineData("the 1 2 3\ncat 1 2 3 4\n", "line 2: expected 3 values after the word, found 4")]
    [InlineData("the 1 2 3\n\ncat\n", "line 3: expected 3 values after the word, found 0")]
    [InlineData("the 1 2 3\n 1 2 3\n", "line 2: the line starts with a space")]
    [InlineData("the\n", "line 1: expected values after the word, found none")]
    public void AWrongNumberOfValuesNamesTheFileAndLine(string content, string expected)
    {
        string path = _files.WriteText("glove.txt", content);

        var error = Assert.Throws<EmbeddingFormatException>(() => PretrainedEmbeddingLoader.Load(path, Vocabulary));

        Assert.StartsWith($"{path} {expected}", error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.FilePath);
    }

    [Theory]
    [InlineData("the 1 2 3\ncat 1 x 3\n", 2, "value 2 of 'cat' is not a finite number: 'x'")]
    [InlineData("the 1 2 3\ncat 1 NaN 3\n", 2, "value 2 of 'cat' is not a finite number: 'NaN'")]
    [InlineData("the 1 2 1e999\n", 1, "value 3 of 'the' is not a finite number: '1e999'")]
    [InlineData("the 1  3\n", 1, "value 2 of 'the' is not a finite number: ''")]
    public void ANonNumberNamesTheLineTheWordAndTheValue(string content, long line, string expected)
    {
        string path = _files.WriteText("glove.txt", content);

        var error = Assert.Throws<EmbeddingFormatException>(() => PretrainedEmbeddingLoader.Load(path, Vocabulary));

        Assert.Equal($"{path} line {line}: {expected}", error.Message);
        Assert.Equal(line, error.LineNumber);
    }

    [Fact]
    public void AnEmptyFileIsRejected()
    {
        string path = _files.WriteText("glove.txt", "\n\n");

        var error = Assert.Throws<EmbeddingFormatException>(() => PretrainedEmbeddingLoader.Load(path, Vocabulary));

        Assert.Equal($"{path} line 1: the file is empty; expected word vectors", error.Message);
    }

    [Fact]
    public void AFastTextFileWithoutHeaderIsRejected()
    {
        string path = _files.WriteText("wiki.vec", "the 1 2\ncat 3 4\n");

        var error = Assert.Throws<EmbeddingFormatException>(() =>
            PretrainedEmbeddingLoader.Load(path, Vocabulary, new EmbeddingLoadOptions { Format = WordVectorFormat.FastTextVec }));

        Assert.Equal($"{path} line 1: expected a header 'count dimension' (fastText .vec), found 'the 1 2'", error.Message);
    }

    [Theory]
    [InlineData("3 2\nthe 1 2\ncat 3 4\n", "the header declares 3 words, but the file has 2")]
    [InlineData("1 2\nthe 1 2\ncat 3 4\n", "the header declares 1 words, but the file has 2")]
    public void AFastTextWordCountOtherThanTheHeadersIsRejected(string content, string expected)
    {
        string path = _files.WriteText("wiki.vec", content);

        var error = Assert.Throws<EmbeddingFormatException>(() => PretrainedEmbeddingLoader.Load(path, Vocabulary));

        Assert.StartsWith($"{path} line 1: {expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFastTextLineOfTheWrongDimensionIsRejected()
    {
        string path = _files.WriteText("wiki.vec", "2 3\nthe 1 2 3\ncat 3 4\n");

        var error = Assert.Throws<EmbeddingFormatException>(() => PretrainedEmbeddingLoader.Load(path, Vocabulary));

        Assert.Equal($"{path} line 3: expected 3 values after the word, found 2", error.Message);
    }

    [Theory]
    [InlineData("2\n", "expected a header 'count dimension' (word2vec binary), found '2'")]
    [InlineData("two 2\n", "expected a header 'count dimension' (word2vec binary), found 'two 2'")]
    [InlineData("2 0\n", "expected a header 'count dimension' (word2vec binary), found '2 0'")]
    [InlineData("", "the file is empty; expected word vectors")]
    public void ABadWord2VecHeaderIsRejected(string header, string expected)
    {
        string path = _files.WriteText("vectors.bin", header);

        var error = Assert.Throws<EmbeddingFormatException>(() => PretrainedEmbeddingLoader.Load(path, Vocabulary));

        Assert.Equal($"{path} line 1: {expected}", error.Message);
    }

    [Fact]
    public void AWord2VecFileCutInsideAVectorIsReportedAsTruncated()
    {
        byte[] content = WordVectorTestFiles.Word2VecBinary([("the", [1f, 2f]), ("cat", [3f, 4f])], 2);
        string path = _files.WriteBytes("vectors.bin", content[..^3]);

        var error = Assert.Throws<EmbeddingFormatException>(() => PretrainedEmbeddingLoader.Load(path, Vocabulary));

        // Header "2 2\n" is 4 bytes, word 1 is "the " + 8 bytes + "\n" = 13 bytes, so word 2 starts at byte 17.
        Assert.Equal($"{path} word 2 (byte 17): the file ends inside the vector of 'cat' (6 of 8 bytes); it is truncated", error.Message);
        Assert.Equal(3, error.LineNumber);
    }

    [Fact]
    public void AWord2VecFileWithFewerWordsThanItsHeaderIsReportedAsTruncated()
    {
        byte[] content = WordVectorTestFiles.Word2VecBinary([("the", [1f, 2f])], 2, declaredCount: 3);
        string path = _files.WriteBytes("vectors.bin.gz", content, gzip: true);

        var error = Assert.Throws<EmbeddingFormatException>(() => PretrainedEmbeddingLoader.Load(path, Vocabulary));

        Assert.Equal($"{path} word 2 (byte 17): the file ends after 1 of the 3 words its header declares; it is truncated", error.Message);
    }

    [Fact]
    public void AWord2VecFileCutInsideAWordIsReportedAsTruncated()
    {
        byte[] content = WordVectorTestFiles.Word2VecBinary([("the", [1f, 2f]), ("cat", [3f, 4f])], 2);
        string path = _files.WriteBytes("vectors.bin", content[..19]);

        var error = Assert.Throws<EmbeddingFormatException>(() => PretrainedEmbeddingLoader.Load(path, Vocabulary));

        Assert.Equal($"{path} word 2 (byte 17): the file ends inside the word; it is truncated", error.Message);
    }

    [Fact]
    public void ANonFiniteWord2VecValueIsRejected()
    {
        byte[] content = WordVectorTestFiles.Word2VecBinary([("cat", [1f, float.NaN])], 2);
        string path = _files.WriteBytes("vectors.bin", content);

        var error = Assert.Throws<EmbeddingFormatException>(() => PretrainedEmbeddingLoader.Load(path, Vocabulary));

        Assert.Equal($"{path} word 1 (byte 4): value 2 of 'cat' is not a finite number (NaN)", error.Message);
    }

    [Fact]
    public void AWord2VecBinaryFileReadAsTextGetsAHint()
    {
        byte[] content = WordVectorTestFiles.Word2VecBinary([("the", [1e-40f, 2f]), ("cat", [3f, 4f])], 2);
        string path = _files.WriteBytes("vectors.vec", content);

        var error = Assert.Throws<EmbeddingFormatException>(() => PretrainedEmbeddingLoader.Load(path, Vocabulary));

        Assert.StartsWith($"{path} line 2: expected 2 values after the word, found ", error.Message, StringComparison.Ordinal);
        Assert.Contains("name a word2vec binary file .bin or set Format = Word2VecBinary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DamagedGzipDataIsRejected()
    {
        string path = _files.WriteText("glove.txt.gz", string.Concat(Enumerable.Repeat("the 1 2 3\n", 2000)), gzip: true);
        byte[] bytes = File.ReadAllBytes(path);
        for (int i = 20; i < bytes.Length - 20; i++)
        {
            bytes[i] ^= 0x5a;
        }

        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<EmbeddingFormatException>(() => PretrainedEmbeddingLoader.Load(path, Vocabulary));

        Assert.Contains("the compressed data is damaged", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{path} line ", error.Message, StringComparison.Ordinal);
    }
}
