using GluonStyleText.Tests.Support;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Evaluation;

/// <summary>
/// TorchSharp was built against SkiaSharp 2.88 and ScottPlot pulls in SkiaSharp 3, which NuGet
/// resolves for both: TorchSharp's image codec must still work with it, on this OS's native assets.
/// </summary>
public sealed class SkiaSharpCompatibilityTests
{
    [Fact]
    public void TorchSharpsTensorboardImageEncodingWorksWithTheResolvedSkiaSharp()
    {
        using var scope = NewDisposeScope();
        var image = arange(0, 4 * 5 * 3, dtype: ScalarType.Int64).remainder(256).to(ScalarType.Byte).reshape(4, 5, 3);

        var encoded = utils.tensorboard.Summary.make_image(image);

        Assert.Equal(3, typeof(SkiaSharp.SKBitmap).Assembly.GetName().Version!.Major);
        Assert.Equal((4, 5), (encoded.Height, encoded.Width));
        using var decoded = SkiaSharp.SKBitmap.Decode(encoded.EncodedImageString.ToByteArray());
        Assert.Equal((5, 4), (decoded.Width, decoded.Height));
        Assert.Equal(new SkiaSharp.SKColor(3, 4, 5), decoded.GetPixel(1, 0));
    }

    [Fact]
    public void AReportChartCanBeDecodedBySkiaSharp()
    {
        using var folder = new TemporaryDirectory();
        var files = GluonStyleText.Evaluation.EvaluationReport.Write(folder.Path, ReportTestData.Metrics(), ReportTestData.Labels);

        using var bitmap = SkiaSharp.SKBitmap.Decode(files.ConfusionMatrixPath);

        Assert.NotNull(bitmap);
        Assert.True(bitmap.Width > 400);
    }
}
