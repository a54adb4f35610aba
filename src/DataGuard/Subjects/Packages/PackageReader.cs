using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DataGuard.Subjects.Packages;

/// <summary>
/// Reads the package's ZIP layout strictly (<see cref="ZipLayout"/>): the end record, the central directory and every
/// local header and data descriptor must be exactly what the writer produces for these names, sizes and CRCs, and the
/// entries must follow each other without gaps. Anything else is not a DataGuard package, or a damaged one.
/// </summary>
internal sealed class PackageReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

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

        var end = await ReadAtAsync(stream, start + length - ZipLayout.EndSize, ZipLayout.EndSize, cancellationToken).ConfigureAwait(false);
        if (BinaryPrimitives.ReadUInt32LittleEndian(end) != ZipLayout.EndSignature)
        {
            throw new SubjectExportException("The package is not a DataGuard export package (no ZIP end record where expected); it may be truncated or not a ZIP file.");
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(end.AsSpan(8));
        var directorySize = BinaryPrimitives.ReadUInt32LittleEndian(end.AsSpan(12));
        var directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(end.AsSpan(16));
        if (count > limits.MaxFiles)
        {
            throw new SubjectExportException($"The package lists {count} files; at most {limits.MaxFiles} are accepted.");
        }

        var expectedEnd = new byte[ZipLayout.EndSize];
        ZipLayout.WriteEnd(expectedEnd, count, directorySize, directoryOffset);
        if (!end.AsSpan().SequenceEqual(expectedEnd) || (long)directoryOffset + directorySize != length - ZipLayout.EndSize)
        {
            throw new SubjectExportException("The package's ZIP end record is damaged or not in DataGuard's layout.");
        }

        var directory = await ReadAtAsync(stream, start + directoryOffset, (int)directorySize, cancellationToken).ConfigureAwait(false);
        var entries = new List<Entry>(count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        long position = 0, next = 0;
        for (var i = 0; i < count; i++)
        {
            if (directory.Length - position < ZipLayout.CentralHeaderSize)
            {
                throw new SubjectExportException("The package's central directory is truncated.");
            }

            var header = directory.AsSpan((int)position);
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
            if (nameLength == 0 || nameLength > ZipLayout.MaxNameBytes || header.Length < ZipLayout.CentralHeaderSize + nameLength)
            {
                throw new SubjectExportException("The package's central directory has a bad file name length.");
            }

            var nameBytes = header.Slice(ZipLayout.CentralHeaderSize, nameLength).ToArray();
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[16..]);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(header[20..]);
            var offset = BinaryPrimitives.ReadUInt32LittleEndian(header[42..]);
            var expected = new byte[ZipLayout.CentralHeaderSize + nameLength];
            ZipLayout.WriteCentralHeader(expected, nameBytes, crc, size, offset);
            if (!header[..expected.Length].SequenceEqual(expected))
            {
                throw new SubjectExportException($"The package's central directory entry {i + 1} is damaged or not in DataGuard's layout.");
            }

            string name;
            try
            {
                name = StrictUtf8.GetString(nameBytes);
            }
            catch (DecoderFallbackException ex)
            {
                throw new SubjectExportException($"The package's file name {i + 1} is not UTF-8.", ex);
            }

            if (!IsSafeName(name) || !names.Add(name))
            {
                throw new SubjectExportException($"The package has an unsafe or repeated file name (entry {i + 1}).");
            }

            if (size > limits.MaxFileBytes)
            {
                throw new SubjectExportException($"{name} is {size} bytes; at most {limits.MaxFileBytes} are accepted.");
            }

            if (offset != next)
            {
                throw new SubjectExportException($"{name} is not where the package's layout puts it; bytes were added or removed.");
            }

            entries.Add(new Entry(name, nameBytes, crc, size, offset));
            next = offset + ZipLayout.LocalHeaderSize + nameLength + (long)size + ZipLayout.DescriptorSize;
            position += expected.Length;
        }

        if (position != directory.Length || next != directoryOffset)
        {
            throw new SubjectExportException("The package's central directory does not account for every byte; bytes were added or removed.");
        }

        return new PackageReader(stream, start, entries);
    }

    /// <summary>Reads an entry, checking its local header, CRC and data descriptor; copies the content to
    /// <paramref name="copy"/> when given. Returns the SHA-256 of the content in lower-case hex.</summary>
    public async Task<string> ReadAsync(Entry entry, Stream? copy, CancellationToken cancellationToken)
    {
        var header = await ReadAtAsync(_stream, _start + entry.Offset, ZipLayout.LocalHeaderSize + entry.NameBytes.Length, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Relative, forward slashes, no empty, dot or dot-dot segments, no control characters.</summary>
    private static bool IsSafeName(string name)
        => !name.StartsWith('/') && !name.Contains('\\', StringComparison.Ordinal) && !name.Any(char.IsControl)
           && name.Split('/').All(static s => s.Length > 0 && s != "." && s != "..");

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
