using System.Diagnostics;
using System.Globalization;
using GluonStyleText.Evaluation;
using GluonStyleText.Prediction;
using GluonStyleText.Samples.Imdb.Data;

namespace GluonStyleText.Samples.Imdb.ConsoleUi;

/// <summary>Progress texts of the shorter steps: download, evaluation, prediction.</summary>
internal static class StepProgress
{
    public static IProgress<DownloadProgress> Download(ProgressLine line) =>
        new Reporter<DownloadProgress>(line, (value, _) => $"Downloading  {value}");

    public static IProgress<EvaluationProgress> Evaluation(ProgressLine line) =>
        new Reporter<EvaluationProgress>(line, (value, elapsed) => string.Create(
            CultureInfo.InvariantCulture,
            $"Evaluating  {value.Fraction * 100,5:0.0}%  {value.TextsDone:N0}/{value.TotalTexts:N0} texts  {Rate(value.TextsDone, elapsed)} texts/s  ETA {Eta(value.Fraction, elapsed)}"));

    public static IProgress<CsvPredictionProgress> Prediction(ProgressLine line) =>
        new Reporter<CsvPredictionProgress>(line, (value, elapsed) => string.Create(
            CultureInfo.InvariantCulture,
            $"Predicting  {value.Fraction * 100,5:0.0}%  {value.RowsDone:N0} rows  {value.RowsPerSecond:0} rows/s  ETA {Eta(value.Fraction, elapsed)}"));

    private static string Rate(long done, TimeSpan elapsed) =>
        (done / Math.Max(1e-9, elapsed.TotalSeconds)).ToString("0", CultureInfo.InvariantCulture);

    private static string Eta(double fraction, TimeSpan elapsed) => fraction <= 0
        ? DurationText.Clock(TimeSpan.MinValue)
        : DurationText.Clock(elapsed * ((1 - fraction) / fraction));

    /// <summary>Reports on the calling thread (unlike <see cref="Progress{T}"/>), with the time since the first report's step began.</summary>
    private sealed class Reporter<T>(ProgressLine line, Func<T, TimeSpan, string> describe) : IProgress<T>
    {
        private readonly Stopwatch _stopwatch = Stopwatch.StartNew();

        public void Report(T value) => line.Update(describe(value, _stopwatch.Elapsed));
    }
}
