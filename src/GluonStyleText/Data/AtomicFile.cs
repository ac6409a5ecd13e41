using System.Text;

namespace GluonStyleText.Data;

/// <summary>
/// Writes a file under a temporary name beside it and renames it when complete, so that the final name only
/// ever holds a whole file, and a failure or cancellation leaves the previous file (or none), never half of one.
/// Every writer of the library, its hosts and samples goes through here, so that there is one naming scheme for leftovers.
/// </summary>
public static class AtomicFile
{
    private const string TemporarySuffix = ".tmp-";

    /// <summary>The temporary name beside <paramref name="path"/>: unique, so that concurrent writers never collide.</summary>
    internal static string TemporaryPathFor(string path) => $"{Path.GetFullPath(path)}{TemporarySuffix}{Guid.NewGuid():N}";

    /// <summary>
    /// Whether <paramref name="fileName"/> is one of these temporary names: what a writer leaves behind when its
    /// process is killed (SIGKILL, a lost machine) between creating the file and renaming it.
    /// </summary>
    internal static bool IsTemporary(string fileName)
    {
        int suffix = fileName.LastIndexOf(TemporarySuffix, StringComparison.Ordinal);
        return suffix > 0 && Guid.TryParseExact(fileName.AsSpan(suffix + TemporarySuffix.Length), "N", out _);
    }

    /// <summary>
    /// Deletes the temporary files and folders (<see cref="IsTemporary"/>) directly in <paramref name="folder"/>: the
    /// leftovers of writers that were killed. Call it at start-up, before any writer of this process runs there.
    /// </summary>
    /// <param name="folder">The folder; nothing happens when it does not exist.</param>
    /// <returns>The paths deleted.</returns>
    public static IReadOnlyList<string> DeleteLeftovers(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var deleted = new List<string>();
        if (!Directory.Exists(folder))
        {
            return deleted;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Where(entry => IsTemporary(Path.GetFileName(entry))).ToList())
        {
            if (Directory.Exists(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }

            deleted.Add(entry);
        }

        return deleted;
    }

    /// <summary>Writes <paramref name="contents"/> as UTF-8 without a byte order mark.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The text.</param>
    public static void WriteText(string path, string contents) => WriteBytes(path, new UTF8Encoding(false).GetBytes(contents));

    /// <summary>Writes <paramref name="contents"/>.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="contents">The bytes.</param>
    public static void WriteBytes(string path, byte[] contents) => WriteUsingPath(path, temporary => File.WriteAllBytes(temporary, contents));

    /// <summary>Writes through a stream that <paramref name="write"/> fills.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Fills the temporary file's stream; an exception leaves <paramref name="path"/> as it was.</param>
    public static void Write(string path, Action<Stream> write) => WriteUsingPath(path, temporary =>
    {
        using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        write(stream);
    });

    /// <summary>For writers that only take a path (zip creation, torch's save, a copy): <paramref name="write"/> creates the temporary file.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Creates the file at the temporary path it is given.</param>
    public static void WriteUsingPath(string path, Action<string> write)
    {
        string temporary = TemporaryPathFor(path);
        try
        {
            write(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>As <see cref="WriteUsingPath"/>, for asynchronous writers.</summary>
    /// <typeparam name="T">What the writer returns.</typeparam>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Creates the file at the temporary path it is given.</param>
    /// <returns>What <paramref name="write"/> returned.</returns>
    public static async Task<T> WriteAsync<T>(string path, Func<string, Task<T>> write)
    {
        string temporary = TemporaryPathFor(path);
        try
        {
            var result = await write(temporary).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
            return result;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
