using System.Globalization;
using GluonStyleText.Training;
using ScottPlot;

namespace GluonStyleText.Evaluation;

/// <summary>Training and validation loss (left axis) and validation accuracy (right axis) per epoch.</summary>
internal static class TrainingCurvesChart
{
    public static byte[] RenderPng(IReadOnlyList<EpochSummary> history)
    {
        var epochs = history.Select(e => (double)e.Epoch).ToArray();
        var plot = new Plot();
        var training = plot.Add.Scatter(epochs, history.Select(e => e.TrainingLoss).ToArray());
        training.LegendText = "training loss";
        var validation = plot.Add.Scatter(epochs, history.Select(e => e.ValidationLoss).ToArray());
        validation.LegendText = "validation loss";
        var accuracy = plot.Add.Scatter(epochs, history.Select(e => e.ValidationAccuracy).ToArray());
        accuracy.LegendText = "validation accuracy";
        accuracy.Axes.YAxis = plot.Axes.Right;

        plot.Axes.Bottom.SetTicks(epochs, epochs.Select(e => e.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.Axes.Right.Label.Text = "validation accuracy";
        plot.Title("Training curves");
        plot.ShowLegend(Alignment.UpperCenter);
        return plot.GetImageBytes(900, 540, ImageFormat.Png);
    }
}
