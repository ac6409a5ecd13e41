using GluonStyleText.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Tests.Options;

public sealed class TextClassifierOptionsLoaderTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void SeedConfigFileBindsVerbatimWithoutWarnings()
    {
        var path = _directory.File("config.json", SeedConfig.Json);

        var (options, warnings) = TextClassifierOptionsLoader.Load(path);

        Assert.Empty(warnings);
        Assert.Equal(2, options.NumberOfClasses);
        Assert.Equal(5, options.Epochs);
        Assert.Equal("adam", options.Optimizer);
        Assert.Equal(500, options.SequenceLength);
        Assert.Equal(5000, options.VocabularySize);
        Assert.Equal(300, options.EmbeddingSize);
        Assert.Equal(0.5, options.Dropout);
        Assert.Equal(0.001, options.LearningRate);
        Assert.True(options.Bidirectional);
        Assert.True(options.Cnn);
        Assert.False(options.UsePretrainedEmbeddings);
        Assert.Equal("", options.ModelParametersUrl);
        Assert.Equal(0.0, options.WeightDecay);
        Assert.Equal([8], options.EffectiveKernelSizes);
    }

    [Fact]
    public void TypedJsonValuesReplaceTheDefaults()
    {
        const string Json = """
            {"n_classes": 7, "num_epoch": 12, "optimizer": "SGD", "dropout": 0.25, "bidirectional": false,
             "learning_rate": 0.05, "kernel_sizes": [3, 4, 5], "filters": 100, "MODELPARAMSURL": "s3://b/p",
             "use_spacy_pretrained": true, "embeddings_path": "glove.txt.gz", "device": "cuda:1", "wd": 1e-4}
            """;

        var options = TextClassifierOptionsLoader.LoadJson(Json, "custom.json").Options;

        Assert.Equal(7, options.NumberOfClasses);
        Assert.Equal(12, options.Epochs);
        Assert.Equal("SGD", options.Optimizer);
        Assert.Equal(0.25, options.Dropout);
        Assert.False(options.Bidirectional);
        Assert.Equal(0.05, options.LearningRate);
        Assert.Equal([3, 4, 5], options.EffectiveKernelSizes);
        Assert.Equal(100, options.EffectiveFilters);
        Assert.Equal("s3://b/p", options.ModelParametersUrl);
        Assert.True(options.UsePretrainedEmbeddings);
        Assert.Equal("glove.txt.gz", options.EmbeddingsPath);
        Assert.Equal("cuda:1", options.Device);
        Assert.Equal(1e-4, options.WeightDecay);
    }

    [Fact]
    public void SageMakerStringHyperparametersBind()
    {
        var hyperparameters = new Dictionary<string, string>
        {
            ["num_epoch"] = "7",
            ["learning_rate"] = "0.01",
            ["dropout"] = " 0.3 ",
            ["bidirectional"] = "False",
            ["cnn"] = "true",
            ["kernel_sizes"] = "[3,4,5]",
            ["filters"] = "100",
            ["optimizer"] = "\"rmsprop\"",
            ["save_name"] = "imdb",
            ["sagemaker_program"] = "\"train.py\"",
            ["sagemaker_region"] = "\"eu-west-1\"",
        };

        var (options, warnings) = TextClassifierOptionsLoader.FromStrings(hyperparameters, "hyperparameters.json");

        Assert.Empty(warnings);
        Assert.Equal(7, options.Epochs);
        Assert.Equal(0.01, options.LearningRate);
        Assert.Equal(0.3, options.Dropout);
        Assert.False(options.Bidirectional);
        Assert.True(options.Cnn);
        Assert.Equal([3, 4, 5], options.EffectiveKernelSizes);
        Assert.Equal(100, options.EffectiveFilters);
        Assert.Equal("rmsprop", options.Optimizer);
        Assert.Equal("imdb", options.SaveName);
    }

    [Fact]
    public void JsonFileWithStringValuesLoadsLikeSageMakerHyperparameters()
    {
        var path = _directory.File("hyperparameters.json", """{"num_epoch": "3", "cnn": "False", "wd": "0.0001", "seq_len": "400.0"}""");

        var options = TextClassifierOptionsLoader.Load(path).Options;

        Assert.Equal(3, options.Epochs);
        Assert.False(options.Cnn);
        Assert.Equal(0.0001, options.WeightDecay);
        Assert.Equal(400, options.SequenceLength);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    public void BooleanStringsBind(string text, bool expected)
    {
        var values = new Dictionary<string, string> { ["power_decay"] = text };

        var options = TextClassifierOptionsLoader.FromStrings(values, "hyperparameters.json").Options;

        Assert.Equal(expected, options.PowerDecay);
    }

    [Theory]
    [InlineData("""{"kernel_sizes": [3, 4, 5]}""")]
    [InlineData("""{"kernel_sizes": "[3,4,5]"}""")]
    [InlineData("""{"kernel_sizes": "[3, 4, 5]"}""")]
    [InlineData("""{"kernel_sizes": "3,4,5"}""")]
    [InlineData("""{"kernel_sizes": " 3, 4 ,5 "}""")]
    [InlineData("""{"kernel_sizes": ["3", 4, 5.0]}""")]
    public void KernelSizesBindFromListsAndStrings(string json)
    {
        var options = TextClassifierOptionsLoader.LoadJson(json, "config.json").Options;

        Assert.Equal([3, 4, 5], options.KernelSizes!);
    }

    [Fact]
    public void UnknownKeyIsAWarningThatNamesTheKeyAndGoesToTheLogger()
    {
        var logger = new CollectingLogger();

        var (options, warnings) = TextClassifierOptionsLoader.LoadJson("""{"num_epochs": 9, "colour": "red", "lr": 0.1}""", "config.json", logger);

        Assert.Equal(5, options.Epochs);
        Assert.Equal(
            [
                "config.json: unknown key \"num_epochs\" is ignored (did you mean \"num_epoch\"?)",
                "config.json: unknown key \"colour\" is ignored",
                "config.json: unknown key \"lr\" is ignored",
            ],
            warnings);
        Assert.Equal(warnings, logger.Entries.Select(entry => entry.Message));
        Assert.All(logger.Entries, entry => Assert.Equal(LogLevel.Warning, entry.Level));
    }

    [Fact]
    public void KeyThatIsSetTwiceIsAWarningAndTheLastValueWins()
    {
        var (options, warnings) = TextClassifierOptionsLoader.LoadJson("""{"dropout": 0.1, "Dropout": 0.2}""", "config.json");

        Assert.Equal(0.2, options.Dropout);
        Assert.Equal(["config.json: \"dropout\" is set more than once; the last value is used"], warnings);
    }

    [Fact]
    public void CommentsAndTrailingCommasAreAccepted()
    {
        const string Json = """
            {
              // the seed's value was 5
              "num_epoch": 4,
            }
            """;

        Assert.Equal(4, TextClassifierOptionsLoader.LoadJson(Json, "config.json").Options.Epochs);
    }

    [Theory]
    [InlineData("""{"num_epoch": "five"}""", "config.json: \"num_epoch\" must be an integer, got \"five\"")]
    [InlineData("""{"num_epoch": 2.5}""", "config.json: \"num_epoch\" must be an integer, got 2.5")]
    [InlineData("""{"seq_len": null}""", "config.json: \"seq_len\" must be an integer, got null")]
    [InlineData("""{"dropout": "half"}""", "config.json: \"dropout\" must be a number, got \"half\"")]
    [InlineData("""{"learning_rate": "NaN"}""", "config.json: \"learning_rate\" must be a number, got \"NaN\"")]
    [InlineData("""{"cnn": "yes"}""", "config.json: \"cnn\" must be true or false, got \"yes\"")]
    [InlineData("""{"bidirectional": 2}""", "config.json: \"bidirectional\" must be true or false, got 2")]
    [InlineData("""{"optimizer": 3}""", "config.json: \"optimizer\" must be a string, got 3")]
    [InlineData("""{"kernel_sizes": "3,x"}""", "config.json: \"kernel_sizes\" must be a list of integers such as [3,4,5] or \"3,4,5\", got \"3,x\"")]
    [InlineData("""{"kernel_sizes": {"a": 1}}""", "config.json: \"kernel_sizes\" must be a list of integers such as [3,4,5] or \"3,4,5\", got {\"a\": 1}")]
    public void TypeErrorNamesTheKeyTheValueAndTheExpectedType(string json, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => TextClassifierOptionsLoader.LoadJson(json, "config.json"));

        Assert.Equal([expected], error.Failures);
    }

    [Fact]
    public void EveryFailureIsReportedAtOnce()
    {
        const string Json = """{"num_epoch": "five", "dropout": 1.5, "optimizer": "adamax"}""";

        var error = Assert.Throws<OptionsValidationException>(() => TextClassifierOptionsLoader.LoadJson(Json, "config.json"));

        Assert.Equal(
            [
                "config.json: \"num_epoch\" must be an integer, got \"five\"",
                "config.json: dropout: 1.5 is outside the allowed range [0, 1)",
                "config.json: optimizer: \"adamax\" is not one of adam, adamw, sgd, adagrad, rmsprop",
            ],
            error.Failures);
        Assert.Contains("dropout: 1.5 is outside the allowed range [0, 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StringValuesAreValidatedToo()
    {
        var values = new Dictionary<string, string> { ["validation_fraction"] = "1" };

        var error = Assert.Throws<OptionsValidationException>(() => TextClassifierOptionsLoader.FromStrings(values, "hyperparameters.json"));

        Assert.Equal(["hyperparameters.json: validation_fraction: 1 is outside the allowed range (0, 1)"], error.Failures);
    }

    [Fact]
    public void SavedOptionsLoadBackUnchanged()
    {
        var original = new TextClassifierOptions
        {
            NumberOfClasses = 4,
            Epochs = 9,
            Optimizer = "adamw",
            Dropout = 0.125,
            Bidirectional = false,
            LearningRate = 3e-4,
            UsePretrainedEmbeddings = true,
            EmbeddingsPath = "/data/glove.6B.100d.txt.gz",
            EmbeddingSize = 100,
            KernelSizes = [2, 3, 4],
            Filters = 64,
            TransformerUrl = "s3://bucket/transformer",
            Device = "cpu",
            ValidationFraction = 0.1,
            TextColumn = "description",
            LabelColumn = "category",
        };
        var path = _directory.File("bundle-config.json");

        TextClassifierOptionsLoader.Save(original, path);
        var (loaded, warnings) = TextClassifierOptionsLoader.Load(path);

        Assert.Empty(warnings);
        Assert.Equal(TextClassifierOptionsLoader.ToJson(original), TextClassifierOptionsLoader.ToJson(loaded));
        Assert.Equal([2, 3, 4], loaded.KernelSizes!);
        Assert.Equal(0.125, loaded.Dropout);
        Assert.Equal([path], Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void SavedJsonUsesTheSeedsKeys()
    {
        var json = TextClassifierOptionsLoader.ToJson(new TextClassifierOptions());

        Assert.Contains("\"num_epoch\": 5", json, StringComparison.Ordinal);
        Assert.Contains("\"MODELPARAMSURL\": null", json, StringComparison.Ordinal);
        Assert.Contains("\"learning_rate\": 0.001", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Effective", json, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileErrorNamesThePath()
    {
        var path = Path.Combine(_directory.Path, "absent", "config.json");

        var error = Assert.Throws<FileNotFoundException>(() => TextClassifierOptionsLoader.Load(path));

        Assert.Equal($"Configuration file not found: {path}", error.Message);
        Assert.Equal(path, error.FileName);
    }

    [Fact]
    public void MalformedJsonErrorNamesTheFileAndLine()
    {
        var path = _directory.File("config.json", "{\n  \"num_epoch\": 5,\n  \"dropout\": 0.5 0.6\n}\n");

        var error = Assert.Throws<InvalidDataException>(() => TextClassifierOptionsLoader.Load(path));

        Assert.StartsWith($"{path}: line 3, position 18: malformed JSON: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonThatIsNotAnObjectIsRejected()
    {
        var error = Assert.Throws<InvalidDataException>(() => TextClassifierOptionsLoader.LoadJson("[1, 2]", "config.json"));

        Assert.Equal("config.json: the configuration must be a JSON object of keys and values, got array", error.Message);
    }
}
