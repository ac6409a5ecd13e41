using GluonStyleText.Models;

namespace GluonStyleText.Tests.Models;

public sealed class BatchWidthTests
{
    [Theory]
    [InlineData(500)]
    [InlineData(64)]
    [InlineData(24)]
    [InlineData(3)]
    [InlineData(1)]
    public void EveryTextFitsAndARunUsesAtMostTheFewWidths(int sequenceLength)
    {
        var widths = Enumerable.Range(0, sequenceLength + 1)
            .Select(longest => (Longest: longest, Width: BatchWidth.For(longest, sequenceLength)))
            .ToArray();

        Assert.All(widths, pair =>
        {
            Assert.InRange(pair.Width, Math.Max(pair.Longest, 1), sequenceLength);
            Assert.True(pair.Width == sequenceLength || pair.Width % BatchWidth.Multiple == 0, $"width {pair.Width} for {pair.Longest} tokens");
        });
        Assert.InRange(widths.Select(pair => pair.Width).Distinct().Count(), 1, BatchWidth.MostWidths);
    }

    [Fact]
    public void ImdbLengthsRoundToMultiplesOf64AndShortTextsTo8()
    {
        Assert.Equal(64, BatchWidth.For(1, 500));
        Assert.Equal(256, BatchWidth.For(230, 500));
        Assert.Equal(500, BatchWidth.For(449, 500));
        Assert.Equal(448, BatchWidth.For(448, 500));
        Assert.Equal(16, BatchWidth.For(9, 40));
        Assert.Equal(8, BatchWidth.For(0, 40));
    }
}
