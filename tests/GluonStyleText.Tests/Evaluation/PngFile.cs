using System.Buffers.Binary;

namespace GluonStyleText.Tests.Evaluation;

/// <summary>Reads what a test needs from a PNG file: that it is one, its size, and that something is drawn on it.</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Width and height from the IHDR chunk; throws when the file is not a PNG.</summary>
    public static (int Width, int Height) ReadSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 33, $"{path} is too short for a PNG ({bytes.Length} bytes).");
        Assert.Equal(Signature, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal("IEND", System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 8, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    /// <summary>
    /// Asserts that <paramref name="path"/> is a PNG of the given size that SkiaSharp decodes, and that it is not
    /// blank: at least 2 % of its pixels differ from the top-left (background) one.
    /// </summary>
    public static void AssertDrawnImage(string path, int width, int height)
    {
        Assert.True(File.Exists(path), $"{path} does not exist");
        Assert.Equal((width, height), ReadSize(path));
        using var bitmap = SkiaSharp.SKBitmap.Decode(path);
        Assert.True(bitmap is not null, $"{path} does not decode as an image");
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        var background = bitmap.GetPixel(0, 0);
        long drawn = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                if (bitmap.GetPixel(x, y) != background)
                {
                    drawn++;
                }
            }
        }

        Assert.True(drawn >= 0.02 * width * height, $"{path} is nearly blank: {drawn} of {width * height} pixels differ from the background");
    }
}
