using GluonStyleText.Aws.SageMaker;

namespace GluonStyleText.Aws.Tests.SageMaker;

public sealed class TrainingJobNamesTests
{
    [Fact]
    public void Is_deterministic_readable_and_valid()
    {
        var name = TrainingJobNames.Create("IMDB BiLSTM (GloVe 100d)", "2024-06-01T10:00:00Z");

        Assert.Equal(name, TrainingJobNames.Create("IMDB BiLSTM (GloVe 100d)", "2024-06-01T10:00:00Z"));
        Assert.NotEqual(name, TrainingJobNames.Create("IMDB BiLSTM (GloVe 100d)", "2024-06-01T10:00:01Z"));
        Assert.Matches("^IMDB-BiLSTM-GloVe-100d-[0-9a-f]{16}$", name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("under_scores_become_hyphens")]
    [InlineData("-- leading and trailing --")]
    [InlineData("ünïcödé")]
    [InlineData("a very long description of a training run that goes on and on and on and on")]
    public void Makes_a_valid_name_from_any_text(string text)
    {
        var name = TrainingJobNames.Create(text, "run-1");

        Assert.True(TrainingJobNames.IsValid(name), name);
        Assert.InRange(name.Length, 1, TrainingJobNames.MaxLength);
        Assert.DoesNotContain('_', name);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("imdb--cnn-2", true)]
    [InlineData("imdb_cnn", false)]
    [InlineData("-imdb", false)]
    [InlineData("imdb-", false)]
    [InlineData("imdb\n", false)]
    public void Validates_the_model_pattern(string name, bool valid)
    {
        Assert.Equal(valid, TrainingJobNames.IsValid(name));
    }

    [Fact]
    public void Rejects_a_64_character_name_with_a_clear_message()
    {
        var error = Assert.Throws<ArgumentException>(() => TrainingJobNames.Validate(new string('a', 64)));

        Assert.Contains("is not a valid SageMaker training job name: it must be 1 to 63 letters, digits or hyphens, starting and ending with a letter or digit", error.Message, StringComparison.Ordinal);
        Assert.Contains("was 64 characters", error.Message, StringComparison.Ordinal);
    }
}
