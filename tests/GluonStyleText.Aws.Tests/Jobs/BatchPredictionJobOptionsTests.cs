using GluonStyleText.Aws.Batch;
using GluonStyleText.Aws.Host.Batch;

namespace GluonStyleText.Aws.Tests.Jobs;

public sealed class BatchPredictionJobOptionsTests
{
    [Fact]
    public void FromEnvironment_reads_the_job_definition_variables()
    {
        var environment = new Dictionary<string, string>
        {
            ["MODEL_URI"] = "s3://models-bucket/bundles/current/",
            ["RESULTS_BUCKET"] = "results-bucket",
            ["RESULTS_PREFIX"] = "out/",
            ["WORK_DIRECTORY"] = "/scratch",
        };

        var options = BatchPredictionJobOptions.FromEnvironment("predict-bucket", "my reviews.csv", environment.GetValueOrDefault);

        Assert.Equal("predict-bucket", options.Bucket);
        Assert.Equal("my reviews.csv", options.Key);
        Assert.Equal("s3://models-bucket/bundles/current/", options.ModelUri);
        Assert.Equal("results-bucket", options.ResultsBucket);
        Assert.Equal("out/", options.ResultsPrefix);
        Assert.Equal("/scratch", options.WorkDirectory);
        options.Validate();
    }

    [Theory]
    [InlineData("MODEL_URI")]
    [InlineData("RESULTS_BUCKET")]
    public void FromEnvironment_names_a_missing_variable(string missing)
    {
        var environment = new Dictionary<string, string> { ["MODEL_URI"] = "s3://models-bucket/m/", ["RESULTS_BUCKET"] = "results-bucket" };
        environment.Remove(missing);

        var error = Assert.Throws<InvalidOperationException>(() => BatchPredictionJobOptions.FromEnvironment("b-bucket", "k.csv", environment.GetValueOrDefault));

        Assert.Contains($"The environment variable {missing} is not set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ModelUri", "models-bucket/m/", "is not an S3 location")]
    [InlineData("Key", "", "Key is required")]
    [InlineData("Key", "folder/", "names a folder")]
    [InlineData("ResultsBucket", "Results_Bucket", "bucket name 'Results_Bucket'")]
    public void Validate_names_the_bad_setting(string property, string value, string expected)
    {
        var options = new BatchPredictionJobOptions { Bucket = "predict-bucket", Key = "a.csv", ModelUri = "s3://models-bucket/m/", ResultsBucket = "results-bucket" };
        typeof(BatchPredictionJobOptions).GetProperty(property)!.SetValue(options, value);

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
