using System.Globalization;
using System.IO.Compression;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GluonStyleText.Embeddings;
using GluonStyleText.Tests.Embeddings;

namespace GluonStyleText.Tests.Fuzzing;

/// <summary>
/// Word-vector files (GloVe text, fastText .vec, word2vec .bin, each maybe gzipped) cannot crash
/// <see cref="PretrainedEmbeddingLoader"/>: a damaged file is loaded or refused with an
/// <see cref="EmbeddingFormatException"/> naming the file and its line (binary files: its word and byte).
/// </summary>
public sealed class WordVectorFileFuzzTests : IDisposable
{
    private static readonly string[] VocabularyWords = ["<pad>", "<unk>", "the", "film", "Paris", "great", "破損"];
    private static readonly string[] FileWords = ["the", "film", "paris", "great", "破損", "awful", "😀", "a.b"];

    private static readonly Gen<float[][]> Vectors =
        from dimension in Gen.Choose(1, 6)
        from count in Gen.Choose(1, 8)
        from values in Gen.ArrayOf(Gen.ArrayOf(Gen.Choose(-1000, 1000).Select(v => v / 100f), dimension), count)
        select values;

    private static readonly Gen<byte[]> TextFile =
        from vectors in Vectors
        from header in Gen.Elements(true, false)
        from lineEnd in Gen.Elements("\n", "\r\n")
        select Encoding.UTF8.GetBytes(
            (header ? $"{vectors.Length} {vectors[0].Length}{lineEnd}" : "")
            + string.Concat(vectors.Select((vector, i) =>
                FileWords[i % FileWords.Length] + " " + string.Join(' ', vector.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + lineEnd)));

    private static readonly Gen<byte[]> BinaryFile =
        from vectors in Vectors
        from newline in Gen.Elements(true, false)
        select WordVectorTestFiles.Word2VecBinary(vectors.Select((vector, i) => (FileWords[i % FileWords.Length], vector)), vectors[0].Length, newline);

    private readonly WordVectorTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly WordVectorFormat[] TextFormats = [WordVectorFormat.Auto, WordVectorFormat.GloVeText, WordVectorFormat.FastTextVec];

    [Property(MaxTest = 1500, Replay = "(9401,47)", QuietOnSuccess = true)]
    public Property ADamagedTextFileIsLoadedOrRefusedNamingItsLine() =>
        Prop.ForAll(FuzzInput.MutatedOrRandom(TextFile).ToArbitrary(), Gen.Elements(TextFormats).ToArbitrary(),
            (input, format) => LoadOrRefuse(_files.WriteBytes("vectors.txt", input.Bytes), input.Bytes, format));

    [Property(MaxTest = 1500, Replay = "(9402,53)", QuietOnSuccess = true)]
    public Property ADamagedWord2VecBinaryFileIsLoadedOrRefusedNamingItsWord() =>
        Prop.ForAll(FuzzInput.MutatedOrRandom(BinaryFile).ToArbitrary(),
            input => LoadOrRefuse(_files.WriteBytes("vectors.bin", input.Bytes), input.Bytes, WordVectorFormat.Auto));

    [Property(MaxTest = 1000, Replay = "(9403,59)", QuietOnSuccess = true)]
    public Property ADamagedGzipFileIsLoadedOrRefusedNamingItsLine() =>
        Prop.ForAll(FuzzInput.MutatedOrRandom(Gen.OneOf(TextFile, BinaryFile).Select(Gzip), randomOneIn: 20).ToArbitrary(), Gen.Elements(true, false).ToArbitrary(),
            (input, binary) => LoadOrRefuse(_files.WriteBytes(binary ? "vectors.bin.gz" : "vectors.txt.gz", input.Bytes), input.Bytes, WordVectorFormat.Auto));

    // The header's numbers are where a damaged file does the most harm: the matrix is sized from them.
    [Property(MaxTest = 500, Replay = "(9404,61)", QuietOnSuccess = true)]
    public Property AnyHeaderIsLoadedOrRefusedWithoutSizingTheMatrixFromIt() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (count, dimension, binary) =>
        {
            byte[] bytes = [.. Encoding.ASCII.GetBytes($"{count} {dimension}\n"), .. "the "u8, 0, 0, 0x80, 0x3F, (byte)'\n'];
            LoadOrRefuse(_files.WriteBytes(binary ? "header.bin" : "header.vec", bytes), bytes, WordVectorFormat.Auto);
        });

    // Found by reading the readers, then by the property above: "2 300000000" allocated a 7 x 300,000,000 matrix
    // (8 GB) before reading a single vector; a larger dimension failed with an ArgumentException blaming the vocabulary.
    [Theory]
    [InlineData("vectors.bin", 300_000_000)]
    [InlineData("vectors.vec", 300_000_000)]
    [InlineData("vectors.bin", 536_870_911)]
    [InlineData("vectors.vec", 1_000_001)]
    public void AHeaderClaimingAHugeDimensionIsAFormatErrorOfLineOne(string name, int dimension)
    {
        string path = _files.WriteBytes(name, [.. Encoding.ASCII.GetBytes($"2 {dimension}\n"), .. "the "u8, 0, 0, 0x80, 0x3F]);

        var error = Assert.Throws<EmbeddingFormatException>(() => PretrainedEmbeddingLoader.Load(path, VocabularyWords));

        Assert.Equal(1, error.LineNumber);
        Assert.Contains($"would have {dimension} values each", error.Message, StringComparison.Ordinal);
    }

    private static void LoadOrRefuse(string path, byte[] bytes, WordVectorFormat format)
    {
        EmbeddingMatrix? matrix = null;
        // A gzipped file's lines are those of its content, which the check cannot count.
        byte[]? lines = path.EndsWith(".gz", StringComparison.Ordinal) ? null : bytes;
        if (Documented.Check(() => matrix = PretrainedEmbeddingLoader.Load(path, VocabularyWords, new EmbeddingLoadOptions { Format = format }), path, lines,
            typeof(EmbeddingFormatException)) is null)
        {
            Assert.NotNull(matrix);
            Assert.Equal(VocabularyWords.Length, matrix.Rows);
            Assert.All(matrix.Values, value => Assert.True(float.IsFinite(value)));
        }
    }

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            zip.Write(content);
        }

        return buffer.ToArray();
    }
}
