using System.Formats.Tar;
using System.IO.Compression;

namespace GluonStyleText.Bundles;

/// <summary>
/// Unpacks a bundle held in one file: a <c>.zip</c> of the bundle's files, or the <c>model.tar.gz</c> SageMaker makes
/// of <c>/opt/ml/model</c> (a gzip'd tar of the same files, at its top or under <c>./</c>). The format is told by the
/// first bytes, not by the name, so an upload or a renamed download needs no extension. Only the bundle's flat file
/// names are written, each at most once and within a size limit counted while extracting, so nothing lands outside the
/// folder and a zip or gzip bomb cannot fill the disk; links, devices and every other name are refused.
/// </summary>
internal static class BundleArchive
{
    // Generous limits that still stop a zip bomb from filling the disk.
    private const long MaxJsonPartBytes = 1L << 30;
    private const long MaxWeightsBytes = 16L << 30;

    // A bundle is six files; a tar adds at most its "./" folder and a few metadata entries. Stopping far above that
    // keeps a small gzip of millions of empty headers from keeping the reader busy.
    private const int MaxTarEntries = 64;

    /// <summary>Unpacks <paramref name="archive"/>, a seekable stream at its start, into the empty folder <paramref name="folder"/>.</summary>
    /// <param name="archive">The zip or tar.gz; it stays open.</param>
    /// <param name="folder">Where the parts go.</param>
    /// <param name="displayPath">The bundle's path or name, for errors.</param>
    /// <exception cref="BundleFormatException">The archive is neither format, is damaged or truncated, or holds something a bundle does not.</exception>
    public static void Extract(Stream archive, string folder, string displayPath)
    {
        long start = archive.Position;
        Span<byte> head = stackalloc byte[4];
        int read = archive.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        archive.Position = start;
        if (head[..read] is [0x1F, 0x8B, ..])
        {
            ExtractTarGz(archive, folder, displayPath);
        }
        else if (head[..read] is [(byte)'P', (byte)'K', ..])
        {
            ExtractZip(archive, folder, displayPath);
        }
        else
        {
            throw new BundleFormatException(displayPath, read == 0
                ? "the file is empty; a bundle is a folder, a .zip or a .tar.gz file."
                : $"neither a zip file nor a .tar.gz: it starts with bytes {Convert.ToHexString(head[..read])}, where a zip starts with 504B ('PK') and a gzip with 1F8B.");
        }
    }

    private static void ExtractZip(Stream archive, string folder, string displayPath)
    {
        try
        {
            using var zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries)
            {
                var part = PartName(entry.FullName, entry.FullName, seen, displayPath);
                var limit = CheckDeclaredLength(part, entry.FullName, entry.Length, displayPath);
                using var data = entry.Open();
                CopyAtMost(data, Path.Combine(folder, part), entry.FullName, limit, expectedLength: null, displayPath);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new BundleFormatException(displayPath, $"not a readable zip file ({e.Message}).", e);
        }
    }

    private static void ExtractTarGz(Stream archive, string folder, string displayPath)
    {
        string? lastEntry = null;
        try
        {
            using var gzip = new GZipStream(archive, CompressionMode.Decompress, leaveOpen: true);
            using var tar = new TarReader(gzip, leaveOpen: true);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int entries = 0;
            while (tar.GetNextEntry() is { } entry)
            {
                if (++entries > MaxTarEntries)
                {
                    throw new BundleFormatException(displayPath, $"the archive has more than {MaxTarEntries} entries; a bundle has at most {BundleFiles.All.Count + 1} files.");
                }

                lastEntry = entry.Name;
                if (!IsFileToExtract(entry, displayPath))
                {
                    continue;
                }

                var part = PartName(entry.Name, StripCurrentFolder(entry.Name), seen, displayPath);
                var limit = CheckDeclaredLength(part, entry.Name, entry.Length, displayPath);
                CopyAtMost(entry.DataStream ?? Stream.Null, Path.Combine(folder, part), entry.Name, limit, entry.Length, displayPath);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException)
        {
            string where = lastEntry is null ? "" : $" after entry '{lastEntry}'";
            string problem = (e, lastEntry) switch
            {
                (EndOfStreamException, null) => "it ends before its first entry is complete; it is no tar archive, or it is truncated",
                (EndOfStreamException, _) => $"it ends early{where}; the file is truncated",
                _ => $"it is damaged{where} ({e.Message})",
            };
            throw new BundleFormatException(displayPath, $"not a readable .tar.gz file: {problem}.", e);
        }
    }

    /// <summary>Whether a tar entry is a file to extract (false for the entries a bundle's tar may have besides its files); refuses the rest.</summary>
    private static bool IsFileToExtract(TarEntry entry, string displayPath)
    {
        switch (entry.EntryType)
        {
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                return true;

            // Metadata for the entries that follow; nothing is extracted from it.
            case TarEntryType.GlobalExtendedAttributes:
                return false;

            // "tar -C /opt/ml/model ." starts with the folder itself.
            case TarEntryType.Directory when StripCurrentFolder(entry.Name) is "" or ".":
                return false;

            case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                throw new BundleFormatException(displayPath,
                    $"entry '{entry.Name}' is a {(entry.EntryType == TarEntryType.SymbolicLink ? "symbolic" : "hard")} link to '{entry.LinkName}'; a bundle holds only regular files.");

            case TarEntryType.Directory:
                throw new BundleFormatException(displayPath, $"unexpected folder '{entry.Name}'{Outside(entry.Name)}; a bundle's files are at the top of the archive.");

            default:
                throw new BundleFormatException(displayPath, $"entry '{entry.Name}' is a {entry.EntryType} entry; a bundle holds only regular files.");
        }
    }

    private static string StripCurrentFolder(string name) => name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name;

    /// <summary>The bundle part an entry holds. Only the known flat names pass: no folders, no paths, so nothing can land outside.</summary>
    private static string PartName(string entryName, string name, HashSet<string> seen, string displayPath)
    {
        if (name != BundleFiles.Manifest && !BundleFiles.All.Contains(name))
        {
            throw new BundleFormatException(displayPath,
                $"unexpected entry '{entryName}'{Outside(entryName)}; a bundle holds only {BundleFiles.Manifest}, {string.Join(", ", BundleFiles.All)}.");
        }

        if (!seen.Add(name))
        {
            throw new BundleFormatException(displayPath, $"entry '{entryName}' appears twice.");
        }

        return name;
    }

    private static string Outside(string entryName)
    {
        bool outside = entryName.StartsWith('/') || entryName.StartsWith('\\') || (entryName.Length > 1 && entryName[1] == ':')
            || entryName.Split('/', '\\').Contains("..");
        return outside ? " (a path outside the bundle)" : "";
    }

    private static long CheckDeclaredLength(string part, string entryName, long length, string displayPath)
    {
        var limit = part == BundleFiles.Weights ? MaxWeightsBytes : MaxJsonPartBytes;
        if (length > limit)
        {
            throw new BundleFormatException(displayPath, $"entry '{entryName}' is {length:N0} bytes, over the limit of {limit:N0}.");
        }

        return limit;
    }

    /// <summary>
    /// Extracts an entry, stopping at <paramref name="limit"/> bytes whatever size its header claims. A tar entry's data
    /// simply stops where a truncated archive does, so its length is checked against <paramref name="expectedLength"/>.
    /// </summary>
    private static void CopyAtMost(Stream source, string file, string entryName, long limit, long? expectedLength, string displayPath)
    {
        using var destination = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
        var buffer = new byte[1 << 16];
        long copied = 0;
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            copied += read;
            if (copied > limit)
            {
                throw new BundleFormatException(displayPath, $"entry '{entryName}' is larger than the limit of {limit:N0} bytes.");
            }

            destination.Write(buffer.AsSpan(0, read));
        }

        if (expectedLength is { } expected && copied != expected)
        {
            throw new BundleFormatException(displayPath, $"entry '{entryName}' ends after {copied:N0} of its {expected:N0} bytes; the file is truncated.");
        }
    }
}
