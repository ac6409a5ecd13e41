using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GluonStyleText.Bundles;

namespace GluonStyleText.Tests.Bundles;

/// <summary>What an attacker or a careless hand does to a bundle on disk: copies, edits, byte flips, rehashed manifests, crafted zips and tar.gz files.</summary>
internal static class BundleEdits
{
    public static string CopyFolder(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        return destination;
    }

    public static void FlipByte(string file, long offset)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        var value = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(value ^ 0x01));
    }

    /// <summary>Rewrites one JSON part; the manifest still holds the old hash unless <see cref="Rehash"/> follows.</summary>
    public static void EditJson(string folder, string part, Action<JsonNode> edit)
    {
        var path = Path.Combine(folder, part);
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        edit(node);
        File.WriteAllText(path, node.ToJsonString());
    }

    /// <summary>Makes the manifest agree with the part as it now is, as someone covering their tracks would.</summary>
    public static void Rehash(string folder, string part)
    {
        var bytes = File.ReadAllBytes(Path.Combine(folder, part));
        EditJson(folder, BundleFiles.Manifest, manifest =>
        {
            manifest["files"]![part] = new JsonObject
            {
                ["sha256"] = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(),
                ["bytes"] = bytes.Length,
            };
        });
    }

    /// <summary>A zip of the folder's files plus extra entries with the given names and contents.</summary>
    public static string Zip(string folder, string zipPath, params (string Name, string Contents)[] extra)
    {
        using var archive = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            archive.CreateEntryFromFile(file, Path.GetFileName(file));
        }

        foreach (var (name, contents) in extra)
        {
            using var writer = new StreamWriter(archive.CreateEntry(name).Open());
            writer.Write(contents);
        }

        return zipPath;
    }

    /// <summary>
    /// The tar (not yet gzip'd) of the folder's files followed by <paramref name="extra"/> entries. With
    /// <paramref name="asTarCommand"/> it is laid out as <c>tar -czf model.tar.gz -C /opt/ml/model .</c> writes it
    /// (GNU format, a <c>./</c> entry first, every name under <c>./</c>); else in PAX format with plain names.
    /// </summary>
    public static byte[] Tar(string folder, bool asTarCommand = false, params TarEntry[] extra)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, asTarCommand ? TarEntryFormat.Gnu : TarEntryFormat.Pax, leaveOpen: true))
        {
            if (asTarCommand)
            {
                writer.WriteEntry(new GnuTarEntry(TarEntryType.Directory, "./"));
            }

            foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                writer.WriteEntry(file, (asTarCommand ? "./" : "") + Path.GetFileName(file));
            }

            foreach (var entry in extra)
            {
                writer.WriteEntry(entry);
            }
        }

        return tar.ToArray();
    }

    /// <summary>An entry of the tar format <see cref="Tar"/> writes: a regular file with <paramref name="contents"/>, or a link, folder or other special entry.</summary>
    public static TarEntry NewTarEntry(TarEntryType type, string name, bool asTarCommand = false, string? contents = null, string? linkName = null)
    {
        TarEntry entry = asTarCommand ? new GnuTarEntry(type, name) : new PaxTarEntry(type, name);
        if (contents is not null)
        {
            entry.DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(contents));
        }

        if (linkName is not null)
        {
            entry.LinkName = linkName;
        }

        return entry;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return compressed.ToArray();
    }

    /// <summary>A <c>model.tar.gz</c> of the folder (see <see cref="Tar"/>) at <paramref name="path"/>.</summary>
    public static string TarGz(string folder, string path, bool asTarCommand = false, params TarEntry[] extra)
    {
        File.WriteAllBytes(path, Gzip(Tar(folder, asTarCommand, extra)));
        return path;
    }

    /// <summary>Files and folders in <paramref name="folder"/> other than the expected ones (leftover temporaries).</summary>
    public static IReadOnlyList<string> Leftovers(string folder, params string[] expected) =>
        Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Where(name => !expected.Contains(name)).ToList()!;
}
