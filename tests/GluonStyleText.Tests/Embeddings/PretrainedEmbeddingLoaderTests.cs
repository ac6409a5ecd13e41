using System.Text;
using GluonStyleText.Embeddings;
using GluonStyleText.Options;

namespace GluonStyleText.Tests.Embeddings;

public sealed class PretrainedEmbeddingLoaderTests : IDisposable
{
    private const string GloVe = "the 0.1 0.2 0.3\ncat 1 2 3\ndog -1 -2e-1 3.5E+1\n";

    private static readonly string[] Vocabulary = ["<pad>", "<unk>", "the", "cat", "unicorn"];

    private readonly WordVectorTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void GloVeTextGivesEachFoundWordItsVector()
    {
        string path = _files.WriteText("glove.txt", GloVe);

        var matrix = PretrainedEmbeddingLoader.Load(path, Vocabulary);

        Assert.Equal(5, matrix.Rows);
        Assert.Equal(3, matrix.Dimension);
        Assert.Equal(15, matrix.Values.Length);
        Assert.Equal([0.1f, 0.2f, 0.3f], matrix.GetRow(2).ToArray());
        Assert.Equal([1f, 2f, 3f], matrix.GetRow(3).ToArray());
    }

    [Fact]
    public void CoverageCountsTheWordsFoundAmongThoseSearched()
    {
        string path = _files.WriteText("glove.txt", GloVe);

        var matrix = PretrainedEmbeddingLoader.Load(path, Vocabulary);

        Assert.Equal(3, matrix.WordsSearched);
        Assert.Equal(2, matrix.WordsFound);
        Assert.Equal(0, matrix.WordsFoundByLowerCase);
        Assert.Equal(2.0 / 3, matrix.Coverage, 12);
    }

    [Fact]
    public void PaddingRowIsZeroAndUnknownAndMissingRowsAreSmallRandomValues()
    {
        string path = _files.WriteText("glove.txt", "<pad> 5 5 5\n<unk> 6 6 6\nthe 1 1 1\n");

        var matrix = PretrainedEmbeddingLoader.Load(path, Vocabulary);

        Assert.All(matrix.GetRow(0).ToArray(), v => Assert.Equal(0f, v));
        foreach (int id in new[] { 1, 3, 4 })
        {
            float[] row = matrix.GetRow(id).ToArray();
            Assert.All(row, v => Assert.InRange(v, -0.1f, 0.1f));
            Assert.Contains(row, v => v != 0f);
        }

        Assert.Equal(1, matrix.WordsFound);
    }

    [Fact]
    public void InitRangeBoundsTheRandomRows()
    {
        string path = _files.WriteText("glove.txt", GloVe);

        var wide = PretrainedEmbeddingLoader.Load(path, Vocabulary, new EmbeddingLoadOptions { InitRange = 2 });
        var zero = PretrainedEmbeddingLoader.Load(path, Vocabulary, new EmbeddingLoadOptions { InitRange = 0 });

        Assert.All(wide.GetRow(4).ToArray(), v => Assert.InRange(v, -2f, 2f));
        Assert.Contains(wide.GetRow(4).ToArray(), v => Math.Abs(v) > 0.1f);
        Assert.All(zero.GetRow(4).ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void MissingRowsDependOnlyOnTheSeedAndTheId()
    {
        string full = _files.WriteText("full.txt", GloVe);
        string partial = _files.WriteText("partial.txt", "dog 1 1 1\n");

        var first = PretrainedEmbeddingLoader.Load(full, Vocabulary, new EmbeddingLoadOptions { Seed = 7 });
        var again = PretrainedEmbeddingLoader.Load(full, Vocabulary, new EmbeddingLoadOptions { Seed = 7 });
        var otherFile = PretrainedEmbeddingLoader.Load(partial, Vocabulary, new EmbeddingLoadOptions { Seed = 7 });
        var otherSeed = PretrainedEmbeddingLoader.Load(full, Vocabulary, new EmbeddingLoadOptions { Seed = 8 });

        Assert.Equal(first.Values, again.Values);
        Assert.Equal(first.GetRow(4).ToArray(), otherFile.GetRow(4).ToArray());
        Assert.Equal(first.GetRow(1).ToArray(), otherFile.GetRow(1).ToArray());
        Assert.NotEqual(first.GetRow(4).ToArray(), otherSeed.GetRow(4).ToArray());
    }

    [Fact]
    public void AWordWithoutItsOwnVectorTakesItsLowerCaseFormsVector()
    {
        string path = _files.WriteText("glove.txt", "paris 1 1\nApple 2 2\napple 3 3\nberlin 4 4\nBerlin 5 5\n");
        string[] vocabulary = ["<pad>", "<unk>", "Paris", "Apple", "Berlin", "London"];

        var matrix = PretrainedEmbeddingLoader.Load(path, vocabulary);

        Assert.Equal([1f, 1f], matrix.GetRow(2).ToArray());
        Assert.Equal([2f, 2f], matrix.GetRow(3).ToArray());
        Assert.Equal([5f, 5f], matrix.GetRow(4).ToArray());
        Assert.Equal(3, matrix.WordsFound);
        Assert.Equal(1, matrix.WordsFoundByLowerCase);
    }

    [Fact]
    public void LowerCaseFallbackCanBeTurnedOff()
    {
        string path = _files.WriteText("glove.txt", "paris 1 1\n");
        string[] vocabulary = ["<pad>", "<unk>", "Paris"];

        var matrix = PretrainedEmbeddingLoader.Load(path, vocabulary, new EmbeddingLoadOptions { LowerCaseFallback = false });

        Assert.Equal(0, matrix.WordsFound);
        Assert.NotEqual([1f, 1f], matrix.GetRow(2).ToArray());
    }

    [Fact]
    public void TheFirstVectorOfAWordListedTwiceWins()
    {
        string path = _files.WriteText("glove.txt", "cat 1 1\ncat 2 2\n");

        var matrix = PretrainedEmbeddingLoader.Load(path, ["<pad>", "<unk>", "cat"]);

        Assert.Equal([1f, 1f], matrix.GetRow(2).ToArray());
    }

    [Theory]
    [InlineData("glove.txt.gz")]
    [InlineData("glove.txt")]
    public void GzipFilesAreRecognisedByTheirContent(string name)
    {
        string path = _files.WriteText(name, GloVe, gzip: true);

        var matrix = PretrainedEmbeddingLoader.Load(path, Vocabulary);

        Assert.Equal([1f, 2f, 3f], matrix.GetRow(3).ToArray());
        Assert.Equal(2, matrix.WordsFound);
    }

    [Fact]
    public void CrlfLinesBlankLinesAndTrailingSpacesAreAccepted()
    {
        string path = _files.WriteText("glove.txt", "the 0.1 0.2 0.3 \r\n\r\ncat 1 2 3\r\n\n");

        var matrix = PretrainedEmbeddingLoader.Load(path, Vocabulary);

        Assert.Equal([1f, 2f, 3f], matrix.GetRow(3).ToArray());
        Assert.Equal(2, matrix.WordsFound);
    }

    [Theory]
    [InlineData(WordVectorFormat.Auto, false)]
    [InlineData(WordVectorFormat.FastTextVec, false)]
    [InlineData(WordVectorFormat.Auto, true)]
    public void FastTextVecHeaderIsReadAndSkipped(WordVectorFormat format, bool gzip)
    {
        // fastText writes a space after the last value of each line.
        string path = _files.WriteText("wiki.vec", "3 2\nthe 1 2 \ncat 3 4 \nwolf 5 6 \n", gzip);

        var matrix = PretrainedEmbeddingLoader.Load(path, Vocabulary, new EmbeddingLoadOptions { Format = format });

        Assert.Equal(2, matrix.Dimension);
        Assert.Equal([1f, 2f], matrix.GetRow(2).ToArray());
        Assert.Equal([3f, 4f], matrix.GetRow(3).ToArray());
    }

    [Theory]
    [InlineData("vectors.bin", false, true)]
    [InlineData("vectors.bin", false, false)]
    [InlineData("vectors.bin.gz", true, true)]
    public void Word2VecBinaryIsRecognisedByItsName(string name, bool gzip, bool newlineAfterVector)
    {
        byte[] content = WordVectorTestFiles.Word2VecBinary(
            [("the", [1.5f, -2f]), ("Cat", [3f, 4f]), ("cat", [5f, 6f]), ("größe", [7f, 8f])], 2, newlineAfterVector);
        string path = _files.WriteBytes(name, content, gzip);

        var matrix = PretrainedEmbeddingLoader.Load(path, ["<pad>", "<unk>", "the", "cat", "größe", "dog"]);

        Assert.Equal(2, matrix.Dimension);
        Assert.Equal([1.5f, -2f], matrix.GetRow(2).ToArray());
        Assert.Equal([5f, 6f], matrix.GetRow(3).ToArray());
        Assert.Equal([7f, 8f], matrix.GetRow(4).ToArray());
        Assert.Equal(3, matrix.WordsFound);
    }

    [Fact]
    public void Word2VecBinaryWithAnotherNameNeedsTheFormatOption()
    {
        string path = _files.WriteBytes("vectors.dat", WordVectorTestFiles.Word2VecBinary([("cat", [1f, 2f])], 2));

        var matrix = PretrainedEmbeddingLoader.Load(path, ["<pad>", "<unk>", "cat"],
            new EmbeddingLoadOptions { Format = WordVectorFormat.Word2VecBinary });

        Assert.Equal([1f, 2f], matrix.GetRow(2).ToArray());
    }

    [Fact]
    public void ProgressReceivesTheLinesRead()
    {
        string path = _files.WriteText("glove.txt", GloVe);
        var reported = new List<long>();

        PretrainedEmbeddingLoader.Load(path, Vocabulary, linesRead: new SynchronousProgress(reported.Add));

        Assert.Equal(3, reported[^1]);
    }

    [Fact]
    public void ACancelledLoadStops()
    {
        string path = _files.WriteText("glove.txt", GloVe);

        Assert.ThrowsAny<OperationCanceledException>(() =>
            PretrainedEmbeddingLoader.Load(path, Vocabulary, cancellationToken: new CancellationToken(canceled: true)));
    }

    [Fact]
    public void ToTensorCopiesTheMatrixIntoARowsByDimensionTensor()
    {
        string path = _files.WriteText("glove.txt", GloVe);
        var matrix = PretrainedEmbeddingLoader.Load(path, Vocabulary);

        using var tensor = matrix.ToTensor();
        float before = matrix.Values[3 * 3];
        matrix.Values[3 * 3] = 99f;

        Assert.Equal(new long[] { 5, 3 }, tensor.shape);
        Assert.Equal(TorchSharp.torch.ScalarType.Float32, tensor.dtype);
        Assert.Equal(before, tensor[3, 0].item<float>());
        Assert.Equal(0.3f, tensor[2, 2].item<float>());
    }

    [Fact]
    public void AVocabularyWithoutTheReservedIdsIsRejected()
    {
        string path = _files.WriteText("glove.txt", GloVe);

        var error = Assert.Throws<ArgumentException>(() => PretrainedEmbeddingLoader.Load(path, ["<pad>"]));

        Assert.Contains("reserved padding (id 0) and unknown (id 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        string path = _files.WriteText("glove.txt", GloVe);

        var error = Assert.Throws<ArgumentException>(() =>
            PretrainedEmbeddingLoader.Load(path, Vocabulary, new EmbeddingLoadOptions { InitRange = -1, ExpectedDimension = 0 }));

        Assert.Contains("InitRange", error.Message, StringComparison.Ordinal);
        Assert.Contains("ExpectedDimension", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsFromTheClassifierConfigurationTakeItsEmbeddingSizeAndSeed()
    {
        var options = EmbeddingLoadOptions.From(new TextClassifierOptions { EmbeddingSize = 100, Seed = 3 });

        Assert.Equal(100, options.ExpectedDimension);
        Assert.Equal(3, options.Seed);
    }

    [Fact]
    public void TheFileMustMatchTheExpectedDimension()
    {
        string path = _files.WriteText("glove.txt", GloVe);

        var error = Assert.Throws<EmbeddingFormatException>(() =>
            PretrainedEmbeddingLoader.Load(path, Vocabulary, new EmbeddingLoadOptions { ExpectedDimension = 300 }));

        Assert.Equal($"{path} line 1: the vectors have 3 values, but the embedding size is 300; use 300-dimensional vectors or set the embedding size (embed_size) to 3", error.Message);
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
