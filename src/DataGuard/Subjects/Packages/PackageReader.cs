using System.Buffers.Binary;
using System.Security.Cryptography;

namespace DataGuard.Subjects.Packages;

/// <summary>
/// Reads the package's ZIP layout strictly (<see cref="ZipLayout"/>): the end record, the central directory and every
/// local header and data descriptor must be exactly what the writer produces for these names, sizes and CRCs, and the
/// entries must follow each other without gaps. Anything else is not a DataGuard package, or a damaged one.
/// </summary>
internal sealed class PackageReader
{
    private readonly Stream _stream;
    private readonly long _start;

    private PackageReader(Stream stream, long start, IReadOnlyList<Entry> entries)
    {
        _stream = stream;
        _start = start;
        Entries = entries;
    }

    public IReadOnlyList<Entry> Entries { get; }

    public static async Task<PackageReader> OpenAsync(Stream package, ExportPackageLimits limits, CancellationToken cancellationToken)
    {
        var stream = package.CanSeek ? package : await BufferAsync(package, limits.MaxPackageBytes, cancellationToken).ConfigureAwait(false);
        var length = stream.Length - (package.CanSeek ? stream.Position : 0);
        var start = package.CanSeek ? stream.Position : 0;
        if (length == 0)
        {
            throw new SubjectExportException("The package is empty.");
        }

        if (length > limits.MaxPackageBytes)
        {
            throw new SubjectExportException($"The package is {length} bytes; at most {limits.MaxPackageBytes} are accepted.");
        }

        if (length < ZipLayout.EndSize)
        {
            throw new SubjectExportException("The package is too short to be a ZIP file; it may be truncated.");
        }

        var end = PackageDirectory.ParseEnd(
            await ReadAtAsync(stream, start + length - ZipLayout.EndSize, ZipLayout.EndSize, cancellationToken).ConfigureAwait(false), limits);
        if ((long)end.DirectoryOffset + end.DirectorySize != length - ZipLayout.EndSize)
        {
            throw new SubjectExportException("The package's ZIP end record is damaged or not in DataGuard's layout.");
        }

        var directory = await ReadAtAsync(stream, start + end.DirectoryOffset, (int)end.DirectorySize, cancellationToken).ConfigureAwait(false);
        return new PackageReader(stream, start, PackageDirectory.ParseEntries(directory, end, limits));
    }

    /// <summary>Reads an entry, checking its local header, CRC and data descriptor; copies the content to
    /// <paramref name="copy"/> when given. Returns the SHA-256 of the content in lower-case hex.</summary>
    public async Task<string> ReadAsync(Entry entry, Stream? copy, CancellationToken cancellationToken)
    {
        var header = await ReadAtAsync(
            _stream, _start + entry.Offset, ZipLayout.LocalHeaderSize + entry.NameBytes.Length, cancellationToken).ConfigureAwait(false);
        var expected = new byte[header.Length];
        ZipLayout.WriteLocalHeader(expected, entry.NameBytes);
        if (!header.AsSpan().SequenceEqual(expected))
        {
            throw new SubjectExportException($"The ZIP header of {entry.Name} is damaged.");
        }

        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[(int)Math.Min(entry.Size, 64 * 1024)];
        uint crc = 0;
        for (long left = entry.Size; left > 0;)
        {
            var read = await _stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(left, buffer.Length)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new SubjectExportException($"{entry.Name} is truncated.");
            }

            crc = Crc32.Append(crc, buffer.AsSpan(0, read));
            sha256.AppendData(buffer, 0, read);
            if (copy is not null)
            {
                await copy.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            left -= read;
        }

        var descriptor = new byte[ZipLayout.DescriptorSize];
        await _stream.ReadExactlyAsync(descriptor, cancellationToken).ConfigureAwait(false);
        var expectedDescriptor = new byte[ZipLayout.DescriptorSize];
        ZipLayout.WriteDescriptor(expectedDescriptor, entry.Crc, entry.Size);
        if (crc != entry.Crc || !descriptor.AsSpan().SequenceEqual(expectedDescriptor))
        {
            throw new SubjectExportException($"{entry.Name} fails its ZIP checksum: its bytes were changed.");
        }

        return Convert.ToHexStringLower(sha256.GetHashAndReset());
    }

    public async Task<byte[]> ReadAllAsync(Entry entry, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream((int)entry.Size);
        await ReadAsync(entry, content, cancellationToken).ConfigureAwait(false);
        return content.ToArray();
    }

    private static async Task<byte[]> ReadAtAsync(Stream stream, long offset, int count, CancellationToken cancellationToken)
    {
        var bytes = new byte[count];
        stream.Position = offset;
        try
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException ex)
        {
            throw new SubjectExportException("The package is truncated.", ex);
        }

        return bytes;
    }

    private static async Task<MemoryStream> BufferAsync(Stream source, long max, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw new SubjectExportException($"The package exceeds {max} bytes, the most accepted.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer;
    }

    internal sealed record Entry(string Name, byte[] NameBytes, uint Crc, uint Size, uint Offset);
}
