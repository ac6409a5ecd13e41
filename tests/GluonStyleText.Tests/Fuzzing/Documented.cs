using GluonStyleText.Bundles;
using GluonStyleText.Data;
using GluonStyleText.Embeddings;

namespace GluonStyleText.Tests.Fuzzing;

/// <summary>
/// The one check every fuzz property makes: the reader either reads the input or throws one of the exceptions its
/// XML docs promise, with a message naming the file and, where the format has lines, a line inside the file.
/// Anything else (IndexOutOfRange, NullReference, a JsonException from inside, an IOException) fails the property.
/// </summary>
internal static class Documented
{
    /// <summary>Runs <paramref name="read"/>; returns the documented exception it threw, or null when it read the input.</summary>
    /// <param name="read">The reader's call.</param>
    /// <param name="filePath">The file the message must name (its file name suffices: callers may pass relative paths).</param>
    /// <param name="bytes">The file's content, to check that a line number is inside it; null where its lines cannot be counted (gzip).</param>
    /// <param name="documented">The exception types the reader documents.</param>
    public static Exception? Check(Action read, string filePath, byte[]? bytes, params Type[] documented)
    {
        try
        {
            read();
            return null;
        }
        catch (Exception e) when (documented.Contains(e.GetType()))
        {
            Assert.True(e.Message.Contains(Path.GetFileName(filePath), StringComparison.Ordinal),
                $"The {e.GetType().Name} does not name the file {Path.GetFileName(filePath)}: {e.Message}");
            if (LineOf(e) is long line && bytes is not null)
            {
                // A line past the end is allowed by one: "the file ends on line n + 1" is where a truncated record stops.
                long lines = LineCount(bytes);
                Assert.True(line >= 1 && line <= lines + 1, $"{e.GetType().Name} names line {line} of a file of {lines} lines: {e.Message}");
            }

            return e;
        }
    }

    /// <summary>The line a format exception names, where its format has lines.</summary>
    private static long? LineOf(Exception e) => e switch
    {
        DataFormatException data => data.LineNumber,
        LabelMapFormatException labels => labels.LineNumber,
        EmbeddingFormatException embedding when !embedding.Message.Contains(" word ", StringComparison.Ordinal) => embedding.LineNumber,
        _ => null,
    };

    /// <summary>Lines as the readers count them: CR, LF and CRLF each end one; UTF-16 files count their code units.</summary>
    public static long LineCount(byte[] bytes)
    {
        long lines = 1;
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.Length || bytes[i + 1] != '\n')))
            {
                lines++;
            }
        }

        return lines;
    }

    public static readonly Type[] Csv = [typeof(DataFormatException)];

    public static readonly Type[] Bundle = [typeof(BundleFormatException)];
}
