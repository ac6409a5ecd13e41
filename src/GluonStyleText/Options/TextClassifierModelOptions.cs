namespace GluonStyleText.Options;

/// <summary>Which model bundle the application's <see cref="Prediction.TextClassifier"/> loads (see <c>AddTextClassifier</c>).</summary>
public sealed class TextClassifierModelOptions
{
    /// <summary>The bundle: a folder, or a <c>.zip</c> file written by training.</summary>
    public string BundlePath { get; set; } = "";

    /// <summary>Where the model runs: cpu, cuda, cuda:N, or auto (CUDA when available). Default cpu.</summary>
    public string Device { get; set; } = "cpu";
}
