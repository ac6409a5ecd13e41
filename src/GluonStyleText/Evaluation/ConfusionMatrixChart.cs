using System.Globalization;
using ScottPlot;

namespace GluonStyleText.Evaluation;

/// <summary>The confusion matrix as a heatmap: actual labels down, predicted labels across, counts in the cells (<see cref="ReadableConfusion"/> chooses which).</summary>
internal static class ConfusionMatrixChart
{
    public static byte[] RenderPng(IReadOnlyList<IReadOnlyList<int>> allCounts, IReadOnlyList<string> allLabels)
    {
        var shown = ReadableConfusion.Shown(allCounts);
        var note = ReadableConfusion.Note(shown, allLabels.Count);
        var labels = shown.Select(id => allLabels[id]).ToArray();
        var confusion = shown.Select(actual => shown.Select(predicted => allCounts[actual][predicted]).ToArray()).ToArray();
        var n = labels.Length;
        var counts = new double[n, n];
        for (var actual = 0; actual < n; actual++)
        {
            for (var predicted = 0; predicted < n; predicted++)
            {
                counts[actual, predicted] = confusion[actual][predicted];
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(counts);
        heatmap.Colormap = new ReversedColormap(new ScottPlot.Colormaps.Blues());
        heatmap.Extent = new CoordinateRect(0, n, 0, n);
        plot.Add.ColorBar(heatmap);

        var largest = Math.Max(1, confusion.Max(row => row.Max()));
        var fontSize = n <= 4 ? 18 : n <= 10 ? 12 : 8;
        for (var actual = 0; actual < n; actual++)
        {
            for (var predicted = 0; predicted < n; predicted++)
            {
                // Row 0 is drawn at the top, so its centre is at y = n - 0.5.
                var count = confusion[actual][predicted];
                var label = plot.Add.Text(count.ToString("N0", CultureInfo.InvariantCulture), predicted + 0.5, n - actual - 0.5);
                label.Alignment = Alignment.MiddleCenter;
                label.LabelFontSize = fontSize;
                label.LabelFontColor = count > largest / 2.0 ? Colors.White : Colors.Black;
            }
        }

        var centres = Enumerable.Range(0, n).Select(i => i + 0.5).ToArray();
        plot.Axes.Bottom.SetTicks(centres, [.. labels]);
        plot.Axes.Left.SetTicks(centres.Select(centre => n - centre).ToArray(), [.. labels]);
        plot.Axes.SetLimits(0, n, 0, n);
        plot.XLabel("predicted");
        plot.YLabel("actual");
        plot.Title(note.Length == 0 ? "Confusion matrix" : $"Confusion matrix ({note})");
        var size = Math.Clamp(300 + (n * 60), 500, 1400);
        return plot.GetImageBytes(size + 100, size, ImageFormat.Png);
    }
}
