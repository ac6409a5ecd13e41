namespace GluonStyleText.Samples.Tests;

[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class CliErrorTests
{
    private const string StackFrame = "   at ";

    [Fact]
    public async Task AMissingBundleIsOneLineWithoutStackTrace()
    {
        using var folder = new TemporaryDirectory();

        var run = await CliRun.RunAsync(["predict", "--model", folder.Combine("missing"), "--text", "hi"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: Model bundle", run.Error, StringComparison.Ordinal);
        Assert.Contains("missing", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(StackFrame, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task VerboseAddsTheStackTrace()
    {
        using var folder = new TemporaryDirectory();

        var run = await CliRun.RunAsync(["predict", "--model", folder.Combine("missing"), "--text", "hi", "--verbose"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(StackFrame, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingTrainingFileIsNamed()
    {
        using var folder = new TemporaryDirectory();
        var (_, _, config) = TinyImdbData.Write(folder.Path);

        var run = await CliRun.RunAsync(["train", "--train", folder.Combine("nope.csv"), "--config", config]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: --train: file not found: {folder.Combine("nope.csv")}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidConfigurationListsItsProblems()
    {
        using var folder = new TemporaryDirectory();
        var (train, _, _) = TinyImdbData.Write(folder.Path);
        var config = folder.Combine("bad.json");
        File.WriteAllText(config, """{"num_epoch": 0, "seq_len": 32}""");

        var run = await CliRun.RunAsync(["train", "--train", train, "--config", config]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: invalid configuration: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("num_epoch", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(StackFrame, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadCsvRowIsNamedByFileAndLine()
    {
        using var folder = new TemporaryDirectory();
        var (train, _, config) = TinyImdbData.Write(folder.Path);
        var bad = folder.Combine("bad.csv");
        File.WriteAllText(bad, "sentiment,review\npositive,\"fine film\"\n,\"no label\"\n");

        var run = await CliRun.RunAsync(["train", "--train", bad, "--config", config]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: {bad} line 3", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(StackFrame, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluatingWithLabelsTheModelDoesNotKnowFails()
    {
        using var folder = new TemporaryDirectory();
        var (train, _, config) = TinyImdbData.Write(folder.Path);
        var bundle = folder.Combine("model");
        Assert.Equal(0, (await CliRun.RunAsync(["train", "--train", train, "--config", config, "--output", bundle])).ExitCode);
        var test = folder.Combine("other.csv");
        File.WriteAllText(test, "sentiment,review\nneutral,\"so so\"\n");

        var run = await CliRun.RunAsync(["evaluate", "--model", bundle, "--test", test]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("line 2", run.Error, StringComparison.Ordinal);
        Assert.Contains("the label 'neutral' is not one of the 2 labels", run.Error, StringComparison.Ordinal);
    }
}
