using System.Text;

namespace GluonStyleText.Evaluation;

/// <summary>Writes a report file under a temporary name and renames it, so a reader never sees half a file.</summary>
internal static class ReportFile
{
    public static void WriteText(string path, string contents) => WriteBytes(path, new UTF8Encoding(false).GetBytes(contents));

    public static void WriteBytes(string path, byte[] contents)
    {
        var temporary = $"{path}.tmp-{Guid.NewGuid():N}";
        try
        {
            File.WriteAllBytes(temporary, contents);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
