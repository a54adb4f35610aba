using System.Buffers.Binary;
using System.Text;

namespace DataGuard.Subjects.Packages;

/// <summary>
/// Parses the package's ZIP end record and central directory strictly (<see cref="ZipLayout"/>): every record must be
/// exactly what the writer produces for these names, sizes and CRCs, and the entries must follow each other without
/// gaps. Anything else is not a DataGuard package, or a damaged one.
/// </summary>
internal static class PackageDirectory
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The end record: how many entries, and where the central directory is and how long.</summary>
    public static (ushort Count, uint DirectorySize, uint DirectoryOffset) ParseEnd(byte[] end, ExportPackageLimits limits)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(end) != ZipLayout.EndSignature)
        {
            throw new SubjectExportException("The package is not a DataGuard export package (no ZIP end record where expected); it may be truncated or not a " +
                "ZIP file.");
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
        if (!end.AsSpan().SequenceEqual(expectedEnd))
        {
            throw new SubjectExportException("The package's ZIP end record is damaged or not in DataGuard's layout.");
        }

        return (count, directorySize, directoryOffset);
    }

    /// <summary>The central directory's entries, each exactly as the writer makes it, following each other without gaps.</summary>
    public static List<PackageReader.Entry> ParseEntries(
        byte[] directory,
        (ushort Count, uint DirectorySize, uint DirectoryOffset) end,
        ExportPackageLimits limits)
    {
        var entries = new List<PackageReader.Entry>(end.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        long position = 0, next = 0;
        for (var i = 0; i < end.Count; i++)
        {
            var entry = ReadCentralHeader(directory.AsSpan((int)position), i + 1);
            if (!names.Add(entry.Name))
            {
                throw new SubjectExportException($"The package has an unsafe or repeated file name (entry {i + 1}).");
            }

            if (entry.Size > limits.MaxFileBytes)
            {
                throw new SubjectExportException($"{entry.Name} is {entry.Size} bytes; at most {limits.MaxFileBytes} are accepted.");
            }

            if (entry.Offset != next)
            {
                throw new SubjectExportException($"{entry.Name} is not where the package's layout puts it; bytes were added or removed.");
            }

            entries.Add(entry);
            next = entry.Offset + ZipLayout.LocalHeaderSize + entry.NameBytes.Length + (long)entry.Size + ZipLayout.DescriptorSize;
            position += ZipLayout.CentralHeaderSize + entry.NameBytes.Length;
        }

        if (position != directory.Length || next != end.DirectoryOffset)
        {
            throw new SubjectExportException("The package's central directory does not account for every byte; bytes were added or removed.");
        }

        return entries;
    }

    /// <summary>One central directory header (entry <paramref name="number"/>, from 1) with a safe UTF-8 name.</summary>
    private static PackageReader.Entry ReadCentralHeader(ReadOnlySpan<byte> header, int number)
    {
        if (header.Length < ZipLayout.CentralHeaderSize)
        {
            throw new SubjectExportException("The package's central directory is truncated.");
        }

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
            throw new SubjectExportException($"The package's central directory entry {number} is damaged or not in DataGuard's layout.");
        }

        string name;
        try
        {
            name = StrictUtf8.GetString(nameBytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new SubjectExportException($"The package's file name {number} is not UTF-8.", ex);
        }

        return IsSafeName(name)
            ? new PackageReader.Entry(name, nameBytes, crc, size, offset)
            : throw new SubjectExportException($"The package has an unsafe or repeated file name (entry {number}).");
    }

    /// <summary>Relative, forward slashes, no empty, dot or dot-dot segments, no control characters.</summary>
    private static bool IsSafeName(string name)
        => !name.StartsWith('/') && !name.Contains('\\', StringComparison.Ordinal) && !name.Any(char.IsControl)
           && name.Split('/').All(static s => s.Length > 0 && s != "." && s != "..");
}
