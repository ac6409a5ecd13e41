using System.Text;
using GluonStyleText.Data;

namespace GluonStyleText.Tests.Data;

/// <summary><see cref="CsvHeader.Read"/>: the columns an application offers, and the same errors the readers give.</summary>
public sealed class CsvHeaderTests : IDisposable
{
    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void ReadsTheColumnsAndSeesARow()
    {
        var header = CsvHeader.Read(_files.Write("a.csv", "id,\"claim text\",category\n1,burnt,fire\n"));

        Assert.Equal(["id", "claim text", "category"], header.Columns);
        Assert.True(header.HasRows);
    }

    [Fact]
    public void AHeaderAloneHasNoRows() => Assert.False(CsvHeader.Read(_files.Write("a.csv", "id,text\n")).HasRows);

    [Fact]
    public void ReadsUtf16WithAByteOrderMark()
    {
        var path = _files.Write("a.csv", "x");
        File.WriteAllText(path, "text,label\nwet,water\n", new UnicodeEncoding(bigEndian: false, byteOrderMark: true));

        Assert.Equal(["text", "label"], CsvHeader.Read(path).Columns);
    }

    [Fact]
    public void AnEmptyFileIsADataFormatErrorOnLineOne()
    {
        var error = Assert.Throws<DataFormatException>(() => CsvHeader.Read(_files.Write("a.csv", "")));

        Assert.Equal(1, error.LineNumber);
        Assert.Contains("the file is empty", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeaderThatIsNotUtf8IsADataFormatError()
    {
        var path = _files.Write("a.csv", "x");
        File.WriteAllBytes(path, [(byte)'i', (byte)'d', (byte)',', 0xFF, 0xFE, (byte)'x', (byte)'\n', (byte)'1', (byte)',', (byte)'a', (byte)'\n']);

        var error = Assert.Throws<DataFormatException>(() => CsvHeader.Read(path));

        Assert.Contains("not valid UTF-8", error.Problem, StringComparison.Ordinal);
    }
}
