using System.Text.RegularExpressions;
using GluonStyleText.Tests.Evaluation;

namespace GluonStyleText.Tests.Cli;

/// <summary><c>gluontext predict --text ... --explain</c> on the tiny sentiment model, where one word decides.</summary>
[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class PredictExplainCliTests(TinyClassifierFixture fixture) : IClassFixture<TinyClassifierFixture>
{
    [Fact]
    public async Task ExplainListsTheWordsAsWrittenWithTheDecidingOneFirst()
    {
        var run = await GluonTextRun.RunAsync("predict", "--model", fixture.BundlePath, "--text", "The plot was AWFUL and the music", "--explain");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^Label: neg \(probability \d\.\d{4}\)$", lines[0]);
        var header = Array.FindIndex(lines, line => line.StartsWith("Words that drove \"neg\"", StringComparison.Ordinal));
        Assert.True(header > 0, run.ToString());
        var words = lines.Skip(header + 1).Select(line => Regex.Match(line, @"^(\S+) +([+-]?\d\.\d{4})$")).ToList();
        Assert.All(words, match => Assert.True(match.Success, run.ToString()));
        var listed = words.Select(match => match.Groups[1].Value).ToList();
        var contributions = words.Select(match => double.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal("AWFUL", listed[0]);
        Assert.True(contributions[0] > 0.2, run.ToString());
        Assert.Equal(["AWFUL", "The", "and", "music", "plot", "the", "was"], listed.Order(StringComparer.Ordinal));
        Assert.Equal(contributions.OrderByDescending(Math.Abs).ToList(), contributions);
    }

    [Fact]
    public async Task ExplainWithAnInputFileIsRejected()
    {
        var run = await GluonTextRun.RunAsync("predict", "--model", fixture.BundlePath, "--input", "in.csv", "--output", "out.csv", "--explain");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--explain works with --text \"...\" only.", run.Error, StringComparison.Ordinal);
    }
}
