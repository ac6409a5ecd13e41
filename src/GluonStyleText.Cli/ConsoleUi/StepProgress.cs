using System.Diagnostics;
using System.Globalization;
using GluonStyleText.Evaluation;
using GluonStyleText.Prediction;

namespace GluonStyleText.Cli.ConsoleUi;

/// <summary>Progress texts of the shorter steps: evaluation, prediction, and any a program adds.</summary>
internal static class StepProgress
{
    /// <summary>A reporter that shows <paramref name="describe"/>'s text for each value, given the time since the step began.</summary>
    public static IProgress<T> Create<T>(ProgressLine line, Func<T, TimeSpan, string> describe) => new Reporter<T>(line, describe);

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
