using System.Text;

namespace GluonStyleText.Data;

/// <summary>
/// A read-only stream of UTF-16 input transcoded to UTF-8, whose <see cref="Position"/> and <see cref="Length"/>
/// are the input's own, so that progress reported in input bytes stays right.
/// </summary>
internal sealed class TranscodedInputStream : Stream
{
    private readonly Stream _source;
    private readonly Stream _utf8;
    private readonly string _name;
    private readonly bool _bigEndian;

    // The decoder works a buffer ahead of what it hands out, so the line of a broken character is found by
    // following the code units as the decoder is given them: the first unpaired surrogate, or an odd last byte.
    private long _line = 1;
    private long _badLine;
    private bool _afterHighSurrogate;
    private int _oddByte = -1;

    /// <summary>Wraps <paramref name="source"/>, positioned after its byte order mark; the stream owns it. <paramref name="name"/> is the name errors give.</summary>
    public TranscodedInputStream(Stream source, string name, Encoding encoding)
    {
        this._source = source;
        this._name = name;
        _bigEndian = encoding.CodePage == 1201;
        _utf8 = Encoding.CreateTranscodingStream(new Checked(this), encoding, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: false);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    /// <summary>The input's length in bytes (not the UTF-8 length, which is known only at the end).</summary>
    public override long Length => _source.Length;

    /// <summary>How far into the input the transcoding has read; setting it is not supported.</summary>
    public override long Position
    {
        get => _source.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return _utf8.Read(buffer);
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
            return await _utf8.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
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
            _utf8.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _utf8.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void Follow(ReadOnlySpan<byte> bytes)
    {
        for (int i = 0; i < bytes.Length && _badLine == 0; i++)
        {
            if (_oddByte < 0)
            {
                _oddByte = bytes[i];
                continue;
            }

            char c = (char)(_bigEndian ? (_oddByte << 8) | bytes[i] : _oddByte | (bytes[i] << 8));
            _oddByte = -1;
            if (_afterHighSurrogate != char.IsLowSurrogate(c))
            {
                _badLine = _line;
                return;
            }

            _afterHighSurrogate = char.IsHighSurrogate(c);
            _line += c == '\n' ? 1 : 0;
        }
    }

    private DataFormatException Invalid()
    {
        string problem = _badLine > 0 ? "an unpaired surrogate" : _oddByte >= 0 ? "an odd number of bytes" : "a surrogate cut off at the end";
        string encoding = _bigEndian ? "UTF-16 BE" : "UTF-16 LE";
        return new DataFormatException(_name, _badLine > 0 ? _badLine : _line, null, RejectReason.InvalidUtf8,
            $"invalid {encoding} ({problem}); save the file as UTF-8, or as UTF-16 without broken characters");
    }

    /// <summary>The source as the decoder reads it, each byte followed on its way.</summary>
    private sealed class Checked(TranscodedInputStream owner) : Stream
    {
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
            int read = owner._source.Read(buffer);
            owner.Follow(buffer[..read]);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int read = await owner._source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            owner.Follow(buffer.Span[..read]);
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
                owner._source.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await owner._source.DisposeAsync().ConfigureAwait(false);
            await base.DisposeAsync().ConfigureAwait(false);
        }
    }
}
