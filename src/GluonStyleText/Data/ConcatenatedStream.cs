namespace GluonStyleText.Data;

/// <summary>
/// A read-only stream of parts read one after the other, each up to a limit: the first bytes of an input read ahead
/// to detect its encoding and then the rest of it, or a file's header followed by one shard of its rows.
/// <see cref="Position"/> and <see cref="Length"/> are in bytes of the input, for progress.
/// </summary>
internal sealed class ConcatenatedStream : Stream
{
    private readonly Part[] _parts;
    private readonly long[] _bytesRead;
    private readonly long _length;
    private long _position;
    private int _current;

    /// <summary>Creates the stream.</summary>
    /// <param name="parts">The parts, each read from its current position.</param>
    /// <param name="startPosition">The <see cref="Position"/> before the first byte, such as the length of a byte order mark already skipped.</param>
    /// <param name="length">The <see cref="Length"/> to report: the input's size, or 0 when it is not known.</param>
    public ConcatenatedStream(IEnumerable<Part> parts, long startPosition, long length)
    {
        this._parts = [.. parts];
        _bytesRead = new long[this._parts.Length];
        _position = startPosition;
        this._length = length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    /// <summary>The input's size given at creation, or 0 when it is not known.</summary>
    public override long Length => _length;

    /// <summary>How far into the input the reading has come; setting it is not supported.</summary>
    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>The bytes read so far from part <paramref name="index"/>.</summary>
    public long BytesReadFrom(int index) => _bytesRead[index];

    /// <summary>A stream of bytes in memory, as a part.</summary>
    public static Part Bytes(ReadOnlySpan<byte> bytes) =>
        new(new MemoryStream(bytes.ToArray(), writable: false), long.MaxValue, LeaveOpen: false);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        for (; _current < _parts.Length && !buffer.IsEmpty; _current++)
        {
            int read = _parts[_current].Stream.Read(buffer[..Wanted(buffer.Length)]);
            if (read > 0)
            {
                return Advance(read);
            }
        }

        return 0;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        for (; _current < _parts.Length && !buffer.IsEmpty; _current++)
        {
            int read = await _parts[_current].Stream.ReadAsync(buffer[..Wanted(buffer.Length)], cancellationToken).ConfigureAwait(false);
            if (read > 0)
            {
                return Advance(read);
            }
        }

        return 0;
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
            foreach (var part in _parts.Where(part => !part.LeaveOpen))
            {
                part.Stream.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var part in _parts.Where(part => !part.LeaveOpen))
        {
            await part.Stream.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    // A part at its limit reads nothing, which moves the reading on to the next part.
    private int Wanted(int count) => (int)Math.Min(count, _parts[_current].Limit - _bytesRead[_current]);

    private int Advance(int read)
    {
        _bytesRead[_current] += read;
        _position += read;
        return read;
    }

    /// <summary>One part: up to <paramref name="Limit"/> bytes of <paramref name="Stream"/>, which is disposed with the whole unless <paramref name="LeaveOpen"/>.</summary>
    internal readonly record struct Part(Stream Stream, long Limit, bool LeaveOpen);
}
