using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GluonStyleText.Data;
using GluonStyleText.Tests.Data;

namespace GluonStyleText.Tests.Fuzzing;

/// <summary>
/// Labeled CSV files (training and evaluation input) cannot crash <see cref="LabeledCsvReader"/> or
/// <see cref="LabeledCsvFile"/>: every generated or damaged file is read or refused with a
/// <see cref="DataFormatException"/> naming the file and a line of it, and its bytes in a stream are read or
/// refused just the same. Seeds are fixed, so a failure reproduces.
/// </summary>
public sealed class LabeledCsvReaderFuzzTests : IDisposable
{
    private static readonly Gen<byte[]> ValidFile = CsvGenerators.Encoded(CsvGenerators.File(["sentiment", "review"], "sentiment"));

    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Property(MaxTest = 1200, Replay = "(9001,17)", QuietOnSuccess = true)]
    public Property AMutatedFileIsReadOrRefusedWithItsLineInFailMode() =>
        Prop.ForAll(FuzzInput.MutatedOrRandom(ValidFile).ToArbitrary(), input =>
        {
            string path = _files.WriteBytes("train.csv", input.Bytes);
            var rows = new List<LabeledText>();
            using var reader = new LabeledCsvReader(path, new LabeledCsvOptions { OnBadRow = BadRowHandling.Fail });
            if (Documented.Check(() => rows.AddRange(reader.Read()), path, input.Bytes, Documented.Csv) is null)
            {
                AssertRowsAreUsable(rows, input.Bytes);
                Assert.Equal(rows.Count, reader.Summary.RowsAccepted);
            }
        });

    [Property(MaxTest = 800, Replay = "(9002,23)", QuietOnSuccess = true)]
    public Property InSkipModeEveryBadRowIsCountedAndKeptInTheRejectsFile() =>
        Prop.ForAll(FuzzInput.MutatedOrRandom(ValidFile).ToArbitrary(), Gen.Choose(1, 40).ToArbitrary(), (input, maxTextLength) =>
        {
            string path = _files.WriteBytes("skip.csv", input.Bytes);
            string rejectsPath = _files.PathOf("rejects.csv");
            File.Delete(rejectsPath);
            var options = new LabeledCsvOptions
            {
                OnBadRow = BadRowHandling.Skip,
                MaxRejectRatio = 1,
                MaxTextLength = maxTextLength,
                RejectsPath = rejectsPath,
            };
            var rows = new List<LabeledText>();
            using var reader = new LabeledCsvReader(path, options);
            if (Documented.Check(() => rows.AddRange(reader.Read()), path, input.Bytes, Documented.Csv) is null)
            {
                AssertRowsAreUsable(rows, input.Bytes);
                Assert.All(rows, row => Assert.True(row.Text.Length <= maxTextLength));
                Assert.Equal(reader.Summary.RowsRead, reader.Summary.RowsAccepted + reader.Summary.RowsRejected);
                Assert.True(reader.Summary.RowsRejected == 0 || File.Exists(rejectsPath), "rows were rejected but no rejects file was written");
            }
        });

    [Property(MaxTest = 600, Replay = "(9003,29)", QuietOnSuccess = true)]
    public Property LoadingAWholeFileGivesClassIdsOfItsMapOrRefusesTheFile() =>
        Prop.ForAll(FuzzInput.MutatedOrRandom(ValidFile).ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (input, withMap) =>
        {
            string path = _files.WriteBytes("evaluate.csv", input.Bytes);
            var fixedMap = withMap ? new LabelMap(["neg", "pos", "0", "1"]) : null;
            var options = new LabeledCsvOptions { OnBadRow = BadRowHandling.Skip, MaxRejectRatio = 0.5 };
            LabeledDataset? dataset = null;
            if (Documented.Check(() => dataset = LabeledCsvFile.Load(path, options, fixedMap), path, input.Bytes, Documented.Csv) is null)
            {
                Assert.NotNull(dataset);
                Assert.NotEmpty(dataset.Texts);
                Assert.All(dataset.ClassIds, id => Assert.InRange(id, 0, dataset.LabelMap.Count - 1));
            }
        });

    [Property(MaxTest = 600, Replay = "(9004,31)", QuietOnSuccess = true)]
    public Property AForwardOnlyStreamIsReadAsTheFileOfTheSameBytes() =>
        Prop.ForAll(FuzzInput.MutatedOrRandom(ValidFile).ToArbitrary(), input =>
        {
            string path = _files.WriteBytes("upload.csv", input.Bytes);
            var options = new LabeledCsvOptions { OnBadRow = BadRowHandling.Fail };
            var fromFile = new List<LabeledText>();
            using var fileReader = new LabeledCsvReader(path, options);
            var fileError = Documented.Check(() => fromFile.AddRange(fileReader.Read()), path, input.Bytes, Documented.Csv);
            var fromStream = new List<LabeledText>();
            using var stream = new ForwardOnlyStream(input.Bytes);
            using var streamReader = new LabeledCsvReader(stream, path, options);

            var streamError = Documented.Check(() => fromStream.AddRange(streamReader.Read()), path, input.Bytes, Documented.Csv);

            // UTF-16 is decoded a buffer ahead of the row being read, and a network stream fills smaller buffers than a
            // file, so broken UTF-16 can stop one read rows earlier than the other, and be reported before a bad row
            // just ahead of it in one and after it in the other. Both errors are real and named.
            Assert.Equal(fileError is null, streamError is null);
            if (fileError?.Message != streamError?.Message)
            {
                Assert.Contains(new[] { fileError, streamError }, e => e!.Message.Contains("invalid UTF-16", StringComparison.Ordinal));
            }

            if (fileError is null)
            {
                Assert.Equal(fromFile, fromStream);
            }
            else
            {
                int rows = Math.Min(fromFile.Count, fromStream.Count);
                Assert.Equal(fromFile.Take(rows), fromStream.Take(rows));
            }

            Assert.False(stream.Disposed);
        });

    private static void AssertRowsAreUsable(List<LabeledText> rows, byte[] bytes)
    {
        long lines = Documented.LineCount(bytes);
        Assert.All(rows, row =>
        {
            Assert.False(string.IsNullOrWhiteSpace(row.Text));
            Assert.NotEqual("", row.Label);
            Assert.InRange(row.LineNumber, 2, lines);
        });
    }
}
