using System.Text;

namespace GluonStyleText.Data;

/// <summary>
/// A read-only stream of UTF-16 text transcoded to UTF-8, whose <see cref="Position"/> and <see cref="Length"/>
/// are the source's own, so that progress reported in file bytes stays right.
/// </summary>
internal sealed class TranscodedInputStream : Stream
{
    private readonly Stream source;
    private readonly Utf16Scan scan;
    private readonly Stream utf8;
    private readonly string name;

    /// <summary>Wraps <paramref name="source"/>, positioned after its byte order mark; the stream owns it. <paramref name="name"/> is the name errors give it.</summary>
    public TranscodedInputStream(Stream source, string name, Encoding encoding)
    {
        this.source = source;
        this.name = name;
        scan = new Utf16Scan(source, bigEndian: encoding.CodePage == 1201);
        utf8 = Encoding.CreateTranscodingStream(scan, encoding, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: false);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    /// <summary>The source's length in bytes (not the UTF-8 length, which is known only at the end).</summary>
    public override long Length => source.Length;

    /// <summary>How far into the source the transcoding has read; setting it is not supported.</summary>
    public override long Position
    {
        get => source.Position;
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

    // The decoder works a buffer ahead of what it hands out, and its exception says where in its own buffer it
    // failed, so the line comes from the scan of every code unit on its way to the decoder.
    private DataFormatException Invalid()
    {
        string problem = scan.BadLine > 0 ? "an unpaired surrogate" : scan.OddByte ? "an odd number of bytes" : "a surrogate cut off at the end";
        string encoding = scan.BigEndian ? "UTF-16 BE" : "UTF-16 LE";
        return new DataFormatException(name, scan.BadLine > 0 ? scan.BadLine : scan.Line, null, RejectReason.InvalidUtf8,
            $"invalid {encoding} ({problem}); save the file as UTF-8, or as UTF-16 without broken characters");
    }

    /// <summary>
    /// Passes the source's bytes to the decoder and counts its lines on the way, up to the first unpaired
    /// surrogate: a stream cannot be read again from the start to find it once the decoder has failed.
    /// </summary>
    private sealed class Utf16Scan(Stream source, bool bigEndian) : Stream
    {
        private int pendingByte = -1;
        private bool afterHighSurrogate;

        public bool BigEndian => bigEndian;

        /// <summary>The line the scan has reached (1-based), where the source ended if it has.</summary>
        public long Line { get; private set; } = 1;

        /// <summary>The line of the first unpaired surrogate; 0 while there is none.</summary>
        public long BadLine { get; private set; }

        /// <summary>Whether the bytes so far are odd in number.</summary>
        public bool OddByte => pendingByte >= 0;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int read = source.Read(buffer);
            Scan(buffer[..read]);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            Scan(buffer.Span[..read]);
            return read;
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
                source.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Scan(ReadOnlySpan<byte> bytes)
        {
            foreach (byte b in bytes)
            {
                if (BadLine > 0)
                {
                    return;
                }

                if (pendingByte < 0)
                {
                    pendingByte = b;
                    continue;
                }

                char c = (char)(bigEndian ? (pendingByte << 8) | b : pendingByte | (b << 8));
                pendingByte = -1;
                if (afterHighSurrogate != char.IsLowSurrogate(c))
                {
                    BadLine = Line;
                    return;
                }

                afterHighSurrogate = char.IsHighSurrogate(c);
                Line += c == '\n' ? 1 : 0;
            }
        }
    }
}
