using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GluonStyleText.Bundles;

namespace GluonStyleText.Tests.Bundles;

/// <summary>What an attacker or a careless hand does to a bundle on disk: copies, edits, byte flips, rehashed manifests, crafted zips.</summary>
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

    /// <summary>Files and folders in <paramref name="folder"/> other than the expected ones (leftover temporaries).</summary>
    public static IReadOnlyList<string> Leftovers(string folder, params string[] expected) =>
        Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Where(name => !expected.Contains(name)).ToList()!;
}
