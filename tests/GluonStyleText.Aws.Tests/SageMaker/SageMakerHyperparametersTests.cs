using GluonStyleText.Aws.Host.SageMaker;
using GluonStyleText.Aws.SageMaker;
using GluonStyleText.Aws.Tests.Fixtures;
using GluonStyleText.Options;

namespace GluonStyleText.Aws.Tests.SageMaker;

public sealed class SageMakerHyperparametersTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Options_survive_the_trip_through_string_hyperparameters()
    {
        var options = new TextClassifierOptions
        {
            Epochs = 7,
            LearningRate = 0.0005,
            Cnn = false,
            KernelSizes = [3, 4, 5],
            Filters = 100,
            UsePretrainedEmbeddings = true,
            EmbeddingsPath = "glove.6B.100d.txt.gz",
            TextColumn = "claim text",
            LabelColumn = "category",
        };

        var hyperparameters = TextClassifierOptionsLoader.ToStrings(options);
        var back = TextClassifierOptionsLoader.FromStrings(hyperparameters, "hyperparameters").Options;

        Assert.Equal(TextClassifierOptionsLoader.ToJson(options), TextClassifierOptionsLoader.ToJson(back));
        Assert.InRange(hyperparameters.Count, 1, 100);
        Assert.Equal("7", hyperparameters["num_epoch"]);
        Assert.Equal("0.0005", hyperparameters["learning_rate"]);
        Assert.Equal("false", hyperparameters["cnn"]);
        Assert.Equal("[3,4,5]", hyperparameters["kernel_sizes"]);
        Assert.Equal("claim text", hyperparameters["text_column"]);
    }

    [Fact]
    public void Unset_optional_keys_are_left_out()
    {
        var hyperparameters = TextClassifierOptionsLoader.ToStrings(new TextClassifierOptions());

        Assert.False(hyperparameters.ContainsKey("kernel_sizes"));
        Assert.False(hyperparameters.ContainsKey("embeddings_path"));
        Assert.Equal("5", hyperparameters["num_epoch"]);
    }

    [Fact]
    public void Read_keeps_strings_and_the_json_text_of_other_values()
    {
        var path = _folder.WriteFile("hyperparameters.json", "{\"num_epoch\": \"3\", \"cnn\": true, \"kernel_sizes\": [3, 4]}"u8.ToArray());

        var values = SageMakerHyperparameters.Read(path);

        Assert.Equal(new Dictionary<string, string> { ["num_epoch"] = "3", ["cnn"] = "true", ["kernel_sizes"] = "[3, 4]" }, values);
    }

    [Theory]
    [InlineData("{\"num_epoch\": \"3\",\n\"cnn\": }", "line 2: not valid JSON")]
    [InlineData("[\"num_epoch\"]", "expected a JSON object of hyperparameters, got array")]
    public void Read_names_the_file_and_the_problem(string content, string expected)
    {
        var path = _folder.WriteFile("hyperparameters.json", System.Text.Encoding.UTF8.GetBytes(content));

        var error = Assert.Throws<InvalidDataException>(() => SageMakerHyperparameters.Read(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
