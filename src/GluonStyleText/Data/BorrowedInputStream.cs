namespace GluonStyleText.Data;

/// <summary>
/// A read-only view of a stream the caller owns: the bytes already taken from it to detect the encoding are read
/// again first, so that the stream need not seek, and disposing the view leaves the caller's stream open.
/// </summary>
internal sealed class BorrowedInputStream : Stream
{
    private readonly Stream inner;
    private ReadOnlyMemory<byte> replay;

    /// <summary>Wraps <paramref name="inner"/>, whose next bytes follow <paramref name="replay"/>.</summary>
    public BorrowedInputStream(Stream inner, ReadOnlyMemory<byte> replay)
    {
        this.inner = inner;
        this.replay = replay;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    /// <summary>The caller's stream's length, where it has one (for progress).</summary>
    public override long Length => inner.Length;

    /// <summary>How far into the caller's stream reading has got, where it can tell; setting it is not supported.</summary>
    public override long Position
    {
        get => inner.Position - replay.Length;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (replay.IsEmpty || buffer.IsEmpty)
        {
            return inner.Read(buffer);
        }

        int count = Math.Min(buffer.Length, replay.Length);
        replay.Span[..count].CopyTo(buffer);
        replay = replay[count..];
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (replay.IsEmpty || buffer.IsEmpty)
        {
            return inner.ReadAsync(buffer, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
