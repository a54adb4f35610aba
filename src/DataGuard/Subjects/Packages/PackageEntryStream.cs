using System.Security.Cryptography;

namespace DataGuard.Subjects.Packages;

/// <summary>The write side of one package entry: forwards to the destination and keeps the entry's length, CRC-32 and
/// SHA-256 as the bytes pass. Only asynchronous writes reach the destination, because a response body may refuse
/// synchronous I/O.</summary>
internal sealed class PackageEntryStream(Stream destination) : Stream
{
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public uint Crc { get; private set; }

    public long Written { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => Written; set => throw new NotSupportedException(); }

    public byte[] FinishHash() => _sha256.GetHashAndReset();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Crc = Crc32.Append(Crc, buffer.Span);
        _sha256.AppendData(buffer.Span);
        Written += buffer.Length;
        await destination.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
        => throw new NotSupportedException("Package entries are written asynchronously.");

    // Flushing an entry would flush the destination per chunk; the package flushes once at the end.
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sha256.Dispose();
        }

        base.Dispose(disposing);
    }
}
