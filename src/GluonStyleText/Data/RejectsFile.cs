using System.Globalization;
using CsvHelper;

namespace GluonStyleText.Data;

/// <summary>
/// The CSV of rejected rows (<c>line,reason,message,raw</c>). It is written under a temporary name beside the
/// final one and renamed by <see cref="Commit"/>, so that the final name only ever holds a complete file.
/// </summary>
internal sealed class RejectsFile : IDisposable
{
    private readonly string _path;
    private readonly string _temporaryPath;
    private CsvWriter? _writer;

    private RejectsFile(string path)
    {
        this._path = Path.GetFullPath(path);
        _temporaryPath = AtomicFile.TemporaryPathFor(this._path);
        _writer = CsvWriter.ToFile(_temporaryPath, CsvWriterOptions.Default);
        _writer.WriteHeader(["line", "reason", "message", "raw"]);
    }

    public static RejectsFile Create(string path) => new(path);

    public void Add(long lineNumber, RejectReason reason, string message, string raw)
    {
        var open = _writer ?? throw new ObjectDisposedException(nameof(RejectsFile));
        open.WriteRecord([lineNumber.ToString(CultureInfo.InvariantCulture), reason.ToString(), message, raw]);
    }

    /// <summary>Completes the file under its final name, replacing any earlier one.</summary>
    /// <returns>The final path.</returns>
    public string Commit()
    {
        _writer?.Dispose();
        _writer = null;
        File.Move(_temporaryPath, _path, overwrite: true);
        return _path;
    }

    /// <summary>Deletes the temporary file of a read that did not complete; a committed file stays.</summary>
    public void Dispose()
    {
        if (_writer is null)
        {
            return;
        }

        _writer.Dispose();
        _writer = null;
        File.Delete(_temporaryPath);
    }
}
