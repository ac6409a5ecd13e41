using System.IO.Compression;

namespace GluonStyleText.Embeddings;

/// <summary>Opens word-vectors files, decompressing gzip ones whatever their name.</summary>
internal static class WordVectorFile
{
    private const int BufferSize = 1 << 16;

    public static bool HasBinaryName(string path) =>
        path.EndsWith(".bin", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".bin.gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens the file for sequential reading; gzip is recognised by its magic bytes 1f 8b.</summary>
    public static Stream OpenDecompressed(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            int read = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
            file.Position = 0;
            if (read == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
            {
                return new BufferedStream(new GZipStream(file, CompressionMode.Decompress), BufferSize);
            }

            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}
