namespace GluonStyleText.Tests.Data;

/// <summary>
/// Bytes that can be read once, front to back, as from a network upload: no seeking, no length, no position, a few
/// bytes at a time. It records whether it was disposed, so that a test can tell that a reader left the caller's
/// stream alone.
/// </summary>
internal sealed class ForwardOnlyStream(byte[] bytes, int mostPerRead = 1000) : Stream
{
    private int position;

    public bool Disposed { get; private set; }

    public override bool CanRead => !Disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public bool AtEnd => position == bytes.Length;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);

        // Small, uneven reads, as a network gives them, so that nothing relies on a read filling its buffer.
        int count = Math.Min(Math.Min(buffer.Length, mostPerRead), bytes.Length - position);
        bytes.AsSpan(position, count).CopyTo(buffer);
        position += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
