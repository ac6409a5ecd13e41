using GluonStyleText.Aws.Batch;

namespace GluonStyleText.Aws.Tests.Batch;

public sealed class BatchJobNamesTests
{
    [Fact]
    public void Is_deterministic_and_keeps_the_readable_text()
    {
        var first = BatchJobNames.Create("predict claims/2024-05.csv", "claims-inbox", "claims/2024-05.csv", "\"9b2cf535\"");
        var second = BatchJobNames.Create("predict claims/2024-05.csv", "claims-inbox", "claims/2024-05.csv", "\"9b2cf535\"");

        Assert.Equal(first, second);
        Assert.Matches("^predict-claims-2024-05-csv-[0-9a-f]{16}$", first);
        Assert.True(BatchJobNames.IsValid(first));
    }

    [Fact]
    public void Differs_when_any_unique_part_differs()
    {
        var names = new[]
        {
            BatchJobNames.Create("predict", "bucket", "key", "etag-1"),
            BatchJobNames.Create("predict", "bucket", "key", "etag-2"),
            BatchJobNames.Create("predict", "bucket", "key2", "etag-1"),
            BatchJobNames.Create("predict", "bucketk", "ey", "etag-1"),
            BatchJobNames.Create("predict"),
        };

        Assert.Equal(names.Length, names.Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("___---...")]
    [InlineData("ÜBER straße – 日本語 🙂")]
    [InlineData("_leading-underscore")]
    [InlineData("trailing separators-_-")]
    public void Makes_a_valid_name_from_any_text(string text)
    {
        var name = BatchJobNames.Create(text, "part");

        Assert.True(BatchJobNames.IsValid(name), name);
    }

    [Fact]
    public void Shortens_long_text_to_the_limit()
    {
        var name = BatchJobNames.Create(new string('x', 500), "part");

        Assert.Equal(BatchJobNames.MaxLength, name.Length);
        Assert.True(BatchJobNames.IsValid(name));
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("Job_1-b", true)]
    [InlineData("-job", false)]
    [InlineData("_job", false)]
    [InlineData("job.1", false)]
    [InlineData("job 1", false)]
    [InlineData("job\n", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Validates_the_batch_rule(string? name, bool valid)
    {
        Assert.Equal(valid, BatchJobNames.IsValid(name));
    }

    [Fact]
    public void Rejects_an_overlong_name_with_a_clear_message()
    {
        var name = new string('a', 129);

        var error = Assert.Throws<ArgumentException>(() => BatchJobNames.Validate(name));

        Assert.StartsWith($"'{name}' is not a valid AWS Batch job name: it must be 1 to 128 letters, digits, hyphens or underscores, starting with a letter or digit (was 129 characters).", error.Message, StringComparison.Ordinal);
    }
}
