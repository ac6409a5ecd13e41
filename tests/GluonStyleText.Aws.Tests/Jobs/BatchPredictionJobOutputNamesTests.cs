using GluonStyleText.Aws.Batch;

namespace GluonStyleText.Aws.Tests.Jobs;

public sealed class BatchPredictionJobOutputNamesTests
{
    [Theory]
    [InlineData("my.csv", "", "my_output.csv", "my_output.manifest.json")]
    [InlineData("my reviews.csv", "", "my reviews_output.csv", "my reviews_output.manifest.json")]
    [InlineData("claims/2026-05/may.csv", "", "claims/2026-05/may_output.csv", "claims/2026-05/may_output.manifest.json")]
    [InlineData("claims/may.csv", "predictions", "predictions/claims/may_output.csv", "predictions/claims/may_output.manifest.json")]
    [InlineData("claims/may.csv", "predictions/", "predictions/claims/may_output.csv", "predictions/claims/may_output.manifest.json")]
    [InlineData("SHOUT.CSV", "", "SHOUT.CSV_output.csv", "SHOUT.CSV_output.manifest.json")]
    [InlineData("a.csv.backup.csv", "", "a.csv.backup_output.csv", "a.csv.backup_output.manifest.json")]
    [InlineData("no-extension", "", "no-extension_output.csv", "no-extension_output.manifest.json")]
    public void Derives_output_and_manifest_keys_from_the_input_key(string input, string prefix, string output, string manifest)
    {
        Assert.Equal(output, BatchPredictionJobOutputNames.OutputKey(input, prefix));
        Assert.Equal(manifest, BatchPredictionJobOutputNames.ManifestKey(input, prefix));
    }

    [Fact]
    public void Keys_that_differ_only_in_the_extensions_case_get_outputs_of_their_own()
    {
        var keys = new[] { "claims/a.csv", "claims/a.CSV", "claims/a.Csv" };

        var outputs = keys.Select(key => BatchPredictionJobOutputNames.OutputKey(key)).ToList();
        var failures = keys.Select(key => BatchPredictionJobOutputNames.FailureKey(key)).ToList();

        Assert.Equal(keys.Length, outputs.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(keys.Length, failures.Distinct(StringComparer.Ordinal).Count());
        Assert.All(outputs, output => Assert.True(BatchPredictionJobOutputNames.IsOutputKey(output)));
    }

    [Theory]
    [InlineData("my_output.csv", true)]
    [InlineData("claims/MAY_OUTPUT.CSV", true)]
    [InlineData("my_output.csv.csv", false)]
    [InlineData("output.csv", false)]
    public void Recognises_output_keys(string key, bool isOutput) =>
        Assert.Equal(isOutput, BatchPredictionJobOutputNames.IsOutputKey(key));
}
