using System.Text.Json.Nodes;
using GluonStyleText.Text;

namespace GluonStyleText.Tests.Text;

public sealed class TextTransformerFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gluonstyletext-text-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static TextTransformer Sample() => TextTransformer.Fit(
        ["The engine failed", "engine noise, the pump failed", "エンジン故障"],
        new TextTransformerOptions { SequenceLength = 7, VocabularySize = 50, MinCount = 1, MapUnknownWords = false });

    private string PathOf(string name) => Path.Combine(_directory, name);

    [Fact]
    public void SaveThenLoadGivesTheSameTransformer()
    {
        var original = Sample();
        var path = PathOf("transformer.json");

        original.Save(path);
        var loaded = TextTransformer.Load(path);

        Assert.Equal(original.Vocabulary.Words, loaded.Vocabulary.Words);
        var options = loaded.GetOptions();
        Assert.Equal(7, options.SequenceLength);
        Assert.Equal(50, options.VocabularySize);
        Assert.False(options.MapUnknownWords);
        Assert.Equal(original.Encode("the pump failed again エンジン"), loaded.Encode("the pump failed again エンジン"));
        Assert.Equal([path], Directory.GetFiles(_directory)); // no temporary file left behind
    }

    [Fact]
    public void TheFileIsVersionedJsonWithWordsInIdOrder()
    {
        var path = PathOf("transformer.json");
        Sample().Save(path);

        var text = File.ReadAllText(path);
        var json = JsonNode.Parse(text)!;

        Assert.Equal("GluonStyleText.TextTransformer", (string?)json["format"]);
        Assert.Equal(1, (int?)json["version"]);
        Assert.Equal(7, (int?)json["options"]!["seq_len"]);
        Assert.Equal(false, (bool?)json["options"]!["map_unknown_words"]);
        Assert.Equal(Sample().Vocabulary.Words, json["vocabulary"]!.AsArray().Select(word => (string?)word));
        Assert.Contains("\"エ\"", text); // readable, not \u-escaped
    }

    [Fact]
    public void SaveAndLoadWorkOnStreams()
    {
        using var stream = new MemoryStream();
        Sample().Save(stream);
        stream.Position = 0;

        var loaded = TextTransformer.Load(stream, "bundle.zip!/transformer.json");

        Assert.Equal(Sample().Vocabulary.Words, loaded.Vocabulary.Words);
    }

    [Fact]
    public void SaveReplacesAnExistingFile()
    {
        var path = PathOf("transformer.json");
        File.WriteAllText(path, "old");

        Sample().Save(path);

        Assert.Equal(Sample().Vocabulary.Words, TextTransformer.Load(path).Vocabulary.Words);
    }

    [Fact]
    public void LoadOfAMissingFileNamesIt()
    {
        var path = PathOf("missing.json");

        var error = Assert.Throws<FileNotFoundException>(() => TextTransformer.Load(path));

        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData("{ \"format\": ", "is not a valid text transformer file at line 1")]
    [InlineData("[1, 2]", "is not a text transformer file: its JSON is Array")]
    [InlineData("{\"format\": \"something.else\", \"version\": 1}", "is not a text transformer file: its \"format\" is not \"GluonStyleText.TextTransformer\"")]
    [InlineData("{\"format\": \"GluonStyleText.TextTransformer\", \"version\": 2, \"future\": true}", "has text transformer format version 2; this version of GluonStyleText reads version 1 only")]
    [InlineData("{\"format\": \"GluonStyleText.TextTransformer\", \"version\": \"1\"}", "has no integer \"version\"")]
    public void LoadRejectsFilesThatAreNotTransformersNamingTheFile(string content, string problem)
    {
        var path = PathOf("bad.json");
        File.WriteAllText(path, content);

        var error = Assert.Throws<InvalidDataException>(() => TextTransformer.Load(path));

        Assert.StartsWith($"'{path}' ", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Theory]
    [InlineData("vocabulary", null, "missing required properties")]
    [InlineData("vocabulary", "[\"<pad>\", \"<unk>\", \"the\", \"the\"]", "has an invalid \"vocabulary\": Word 1 of the vocabulary, 'the', repeats word 0.")]
    [InlineData("vocabulary", "[\"the\", \"a\"]", "has a \"vocabulary\" that does not start with \"<pad>\", \"<unk>\"")]
    [InlineData("vocabulary", "[\"<pad>\", \"<unk>\", \"Two Words\"]", "has \"vocabulary\" entry 2, \"Two Words\", which is not a single word")]
    [InlineData("vocabulary", "[\"<pad>\", \"<unk>\", null]", "has \"vocabulary\" entry 2, \"\", which is not a single word")]
    [InlineData("vocabulary", "[\"<pad>\", \"<unk>\", \"a\", \"b\", \"c\", \"d\"]", "has 6 \"vocabulary\" entries, more than its vocab_size 5")]
    [InlineData("options", "{\"seq_len\": 0, \"vocab_size\": 5}", "has invalid \"options\": TextTransformerOptions.SequenceLength must be between 1 and 100000")]
    [InlineData("options", "{\"seq_len\": 3, \"vocab_size\": 5, \"colour\": \"red\"}", "colour")]
    [InlineData("options", "{\"seq_len\": \"long\", \"vocab_size\": 5}", "$.options.seq_len")]
    public void LoadRejectsMalformedContentNamingTheFileAndTheProblem(string field, string? json, string problem)
    {
        var document = new JsonObject
        {
            ["format"] = "GluonStyleText.TextTransformer",
            ["version"] = 1,
            ["options"] = new JsonObject { ["seq_len"] = 3, ["vocab_size"] = 5 },
            ["vocabulary"] = new JsonArray("<pad>", "<unk>", "a"),
        };
        if (json is null)
        {
            document.Remove(field);
        }
        else
        {
            document[field] = JsonNode.Parse(json);
        }
        var path = PathOf("bad.json");
        File.WriteAllText(path, document.ToJsonString());

        var error = Assert.Throws<InvalidDataException>(() => TextTransformer.Load(path));

        Assert.StartsWith($"'{path}' ", error.Message);
        Assert.Contains(problem, error.Message);
    }
}
