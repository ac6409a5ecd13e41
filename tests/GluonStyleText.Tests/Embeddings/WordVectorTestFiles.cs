using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace GluonStyleText.Tests.Embeddings;

/// <summary>A temporary folder of small word-vectors files, deleted with the test.</summary>
internal sealed class WordVectorTestFiles : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gst-embeddings-" + Guid.NewGuid().ToString("N"));

    public WordVectorTestFiles() => Directory.CreateDirectory(_folder);

    public string WriteText(string name, string content, bool gzip = false) =>
        WriteBytes(name, Encoding.UTF8.GetBytes(content), gzip);

    public string WriteBytes(string name, byte[] content, bool gzip = false)
    {
        string path = Path.Combine(_folder, name);
        using var file = File.Create(path);
        if (gzip)
        {
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(content);
        }
        else
        {
            file.Write(content);
        }

        return path;
    }

    /// <summary>The word2vec binary layout of the given vectors.</summary>
    public static byte[] Word2VecBinary(IEnumerable<(string Word, float[] Vector)> entries, int dimension, bool newlineAfterVector = true, int? declaredCount = null)
    {
        var list = entries.ToList();
        using var bytes = new MemoryStream();
        bytes.Write(Encoding.ASCII.GetBytes($"{declaredCount ?? list.Count} {dimension}\n"));
        Span<byte> value = stackalloc byte[4];
        foreach (var (word, vector) in list)
        {
            bytes.Write(Encoding.UTF8.GetBytes(word + " "));
            foreach (float v in vector)
            {
                BinaryPrimitives.WriteSingleLittleEndian(value, v);
                bytes.Write(value);
            }

            if (newlineAfterVector)
            {
                bytes.WriteByte((byte)'\n');
            }
        }

        return bytes.ToArray();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
