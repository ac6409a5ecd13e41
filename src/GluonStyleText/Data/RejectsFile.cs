using System.Globalization;
using CsvHelper;

namespace GluonStyleText.Data;

/// <summary>
/// The CSV of rejected rows (<c>line,reason,message,raw</c>). It is written under a temporary name beside the
/// final one and renamed by <see cref="Commit"/>, so that the final name only ever holds a complete file.
/// </summary>
internal sealed class RejectsFile : IDisposable
{
    private readonly string path;
    private readonly string temporaryPath;
    private CsvWriter? writer;

    private RejectsFile(string path)
    {
        this.path = Path.GetFullPath(path);
        temporaryPath = AtomicFile.TemporaryPathFor(this.path);
        writer = CsvWriter.ToFile(temporaryPath, CsvWriterOptions.Default);
        writer.WriteHeader(["line", "reason", "message", "raw"]);
    }

    public static RejectsFile Create(string path) => new(path);

    public void Add(long lineNumber, RejectReason reason, string message, string raw)
    {
        var open = writer ?? throw new ObjectDisposedException(nameof(RejectsFile));
        open.WriteRecord([lineNumber.ToString(CultureInfo.InvariantCulture), reason.ToString(), message, raw]);
    }

    /// <summary>Completes the file under its final name, replacing any earlier one.</summary>
    /// <returns>The final path.</returns>
    public string Commit()
    {
        writer?.Dispose();
        writer = null;
        File.Move(temporaryPath, path, overwrite: true);
        return path;
    }

    /// <summary>Deletes the temporary file of a read that did not complete; a committed file stays.</summary>
    public void Dispose()
    {
        if (writer is null)
        {
            return;
        }

        writer.Dispose();
        writer = null;
        File.Delete(temporaryPath);
    }
}
