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

    /// <summary>Wraps <paramref name="file"/>, positioned after its byte order mark; the stream owns it.</summary>
    public TranscodedInputStream(FileStream file, Encoding encoding)
    {
        this.file = file;
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

    public override int Read(byte[] buffer, int offset, int count) => utf8.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => utf8.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        utf8.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        utf8.ReadAsync(buffer, offset, count, cancellationToken);

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
}
