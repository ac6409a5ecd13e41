using System.Text;

namespace GluonStyleText.Data;

/// <summary>
/// A read-only stream of a file's text transcoded to UTF-8, whose <see cref="Position"/> and <see cref="Length"/>
/// are the file's own, so that progress reported in file bytes stays right.
/// </summary>
internal sealed class TranscodedInputStream : Stream
{
    private readonly FileStream file;
    private readonly Stream utf8;
    private readonly string filePath;
    private readonly bool bigEndian;

    /// <summary>Wraps <paramref name="file"/>, positioned after its byte order mark; the stream owns it. <paramref name="filePath"/> is the path errors name.</summary>
    public TranscodedInputStream(FileStream file, string filePath, Encoding encoding)
    {
        this.file = file;
        this.filePath = filePath;
        bigEndian = encoding.CodePage == 1201;
        utf8 = Encoding.CreateTranscodingStream(file, encoding, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: false);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    /// <summary>The file's length in bytes (not the UTF-8 length, which is known only at the end).</summary>
    public override long Length => file.Length;

    /// <summary>How far into the file the transcoding has read; setting it is not supported.</summary>
    public override long Position
    {
        get => file.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return utf8.Read(buffer);
        }
        catch (DecoderFallbackException)
        {
            throw Invalid();
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await utf8.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (DecoderFallbackException)
        {
            throw Invalid();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            utf8.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await utf8.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    // The decoder works a buffer ahead of what it hands out, so the line is found by scanning the file's code
    // units from the start: the first unpaired surrogate, or an odd last byte.
    private DataFormatException Invalid()
    {
        using var scan = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        scan.Position = 2;
        long line = 1, badLine = 0;
        bool afterHighSurrogate = false;
        Span<byte> unit = stackalloc byte[2];
        int read;
        while ((read = scan.ReadAtLeast(unit, 2, throwOnEndOfStream: false)) == 2)
        {
            char c = (char)(bigEndian ? (unit[0] << 8) | unit[1] : unit[0] | (unit[1] << 8));
            if (afterHighSurrogate != char.IsLowSurrogate(c))
            {
                badLine = line;
                break;
            }

            afterHighSurrogate = char.IsHighSurrogate(c);
            line += c == '\n' ? 1 : 0;
        }

        string problem = badLine > 0 ? "an unpaired surrogate" : read == 1 ? "an odd number of bytes" : "a surrogate cut off at the end";
        string name = bigEndian ? "UTF-16 BE" : "UTF-16 LE";
        return new DataFormatException(filePath, badLine > 0 ? badLine : line, null, RejectReason.InvalidUtf8,
            $"invalid {name} ({problem}); save the file as UTF-8, or as UTF-16 without broken characters");
    }
}
