using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GluonStyleText.Tests.Data;
using GluonStyleText.Text;

namespace GluonStyleText.Tests.Fuzzing;

/// <summary>
/// A saved text transformer (transformer.json) cannot crash <see cref="TextTransformer.Load(string)"/>: a damaged
/// file is read or refused with the <see cref="InvalidDataException"/> its docs promise, naming the file.
/// </summary>
public sealed class TextTransformerFileFuzzTests : IDisposable
{
    private static readonly Gen<string> Fitted =
        from texts in Gen.ListOf(CsvGenerators.Text)
        from vocabularySize in Gen.Choose(3, 30)
        from sequenceLength in Gen.Choose(1, 20)
        from lowercase in Gen.Elements(true, false)
        from keepLast in Gen.Elements(true, false)
        from asciiOnly in Gen.Elements(true, false)
        select Save(TextTransformer.Fit(texts, new TextTransformerOptions
        {
            VocabularySize = vocabularySize,
            SequenceLength = sequenceLength,
            Lowercase = lowercase,
            KeepLastWords = keepLast,
            AsciiOnly = asciiOnly,
        }));

    // Fitting is the slow part and not what is tested: 24 valid files, fitted once, are the starting points.
    private static readonly Gen<string> ValidJson = Gen.Elements(Gen.Sample(Fitted, 20, new FsCheck.Rnd(9200, 11), 24).ToArray());

    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Property(MaxTest = 1500, Replay = "(9201,37)", QuietOnSuccess = true)]
    public Property ADamagedTransformerFileIsLoadedOrRefusedNamingItsFile() =>
        Prop.ForAll(JsonGenerators.Mutated(ValidJson).ToArbitrary(), input =>
        {
            string path = _files.WriteBytes("transformer.json", input.Bytes);
            TextTransformer? transformer = null;
            if (Documented.Check(() => transformer = TextTransformer.Load(path), path, input.Bytes, typeof(InvalidDataException)) is null)
            {
                // What loads must work: encoding any text gives ids inside the vocabulary.
                Assert.NotNull(transformer);
                foreach (var id in transformer.Encode("the film was great 破損 😀 a,b"))
                {
                    Assert.InRange(id, 0, transformer.Vocabulary.Count - 1);
                }
            }
        });

    // Found by the property: an invalid UTF-8 byte inside the format name threw InvalidOperationException from GetString.
    [Fact]
    public void InvalidUtf8InAStringIsAFormatErrorNamingTheLine()
    {
        byte[] bytes = [.. "{\n  \"format\": \"GluonStyleText.T"u8, 0xA7, .. "xtTransformer\",\n  \"version\": 1\n}"u8];
        string path = _files.WriteBytes("transformer.json", bytes);

        var error = Assert.Throws<InvalidDataException>(() => TextTransformer.Load(path));

        Assert.Contains("transformer.json' is not a valid text transformer file at line 2", error.Message, StringComparison.Ordinal);
    }

    // Found by the property: looking up "format" threw InvalidOperationException on a key escaped as an unpaired surrogate.
    [Fact]
    public void AKeyEscapedAsAnUnpairedSurrogateIsAFormatError()
    {
        string path = _files.Write("transformer.json", "{\n  \"forma\\uD800t\": \"GluonStyleText.TextTransformer\",\n  \"version\": 1\n}");

        var error = Assert.Throws<InvalidDataException>(() => TextTransformer.Load(path));

        Assert.Contains("at line 2: a key is not valid Unicode", error.Message, StringComparison.Ordinal);
    }

    private static string Save(TextTransformer transformer)
    {
        using var stream = new MemoryStream();
        transformer.Save(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
