using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GluonStyleText.Data;
using GluonStyleText.Prediction;
using GluonStyleText.Tests.Data;
using GluonStyleText.Tests.Evaluation;

namespace GluonStyleText.Tests.Fuzzing;

/// <summary>
/// Files to classify cannot crash <see cref="CsvBatchPredictor"/> (nor <see cref="CsvInput"/> under it, UTF-16
/// with a byte order mark included): a damaged file is classified, row by row with errors for bad rows, or refused
/// with a <see cref="DataFormatException"/> naming the file and a line of it; no output is left behind then.
/// </summary>
public sealed class CsvBatchPredictorFuzzTests(TinyClassifierFixture fixture) : IClassFixture<TinyClassifierFixture>, IDisposable
{
    private static readonly Gen<byte[]> ValidFile = CsvGenerators.Encoded(CsvGenerators.File(["review"], labelColumn: null));

    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Property(MaxTest = 500, Replay = "(9501,67)", QuietOnSuccess = true)]
    public Property ADamagedInputIsClassifiedOrRefusedWithItsLine() =>
        Prop.ForAll(FuzzInput.MutatedOrRandom(ValidFile).ToArbitrary(), input => PredictOrRefuse(input, maxTextLength: 100_000));

    [Property(MaxTest = 300, Replay = "(9502,71)", QuietOnSuccess = true)]
    public Property ADamagedUtf16InputIsClassifiedOrRefusedWithItsLine() =>
        Prop.ForAll(FuzzInput.MutatedOrRandom(CsvGenerators.Encoded(CsvGenerators.File(["review"], labelColumn: null), utf16Only: true)).ToArbitrary(),
            input => PredictOrRefuse(input, maxTextLength: 30));

    private void PredictOrRefuse(FuzzInput input, int maxTextLength)
    {
        string path = _files.WriteBytes("claims.csv", input.Bytes);
        string output = _files.PathOf("claims_output.csv");
        File.Delete(output);
        var predictor = new CsvBatchPredictor(fixture.Classifier, new CsvPredictionOptions { BatchSize = 4, MaxTextLength = maxTextLength });
        CsvPredictionSummary? summary = null;
        if (Documented.Check(() => summary = predictor.PredictFileAsync(path, output).GetAwaiter().GetResult(), path, input.Bytes, Documented.Csv) is null)
        {
            Assert.NotNull(summary);
            Assert.Equal(summary.RowsRead, summary.RowsPredicted + summary.RowsRejected);
            Assert.True(File.Exists(output));
        }
        else
        {
            Assert.False(File.Exists(output), "a refused input left an output file");
        }

        Assert.Empty(Directory.EnumerateFiles(_files.Folder, "*.tmp-*"));
    }
}
