using System.Buffers.Binary;

namespace DataGuard.Subjects.Packages;

/// <summary>
/// The one ZIP layout export packages use (APPNOTE 6.3.x, no ZIP64): every entry stored uncompressed, UTF-8 names, a
/// fixed time stamp (1980-01-01), a data descriptor after the data (so the writer never seeks), no extra fields, no
/// comments. Every structural byte is fixed or follows from the names, sizes, CRCs and offsets, which the reader
/// checks; every other byte is entry content under a CRC-32 and the manifest's SHA-256. So any changed byte fails.
/// </summary>
internal static class ZipLayout
{
    public const uint LocalHeaderSignature = 0x04034b50;
    public const uint DescriptorSignature = 0x08074b50;
    public const uint CentralHeaderSignature = 0x02014b50;
    public const uint EndSignature = 0x06054b50;
    public const int LocalHeaderSize = 30;
    public const int DescriptorSize = 16;
    public const int CentralHeaderSize = 46;
    public const int EndSize = 22;
    public const int MaxNameBytes = 255;
    public const ushort Version = 20;           // 2.0: stored entries with data descriptors
    public const ushort Flags = 0x0808;         // bit 3: data descriptor; bit 11: UTF-8 names
    public const ushort DosTime = 0;
    public const ushort DosDate = (1 << 5) | 1; // 1980-01-01

    public static void WriteLocalHeader(Span<byte> buffer, ReadOnlySpan<byte> name)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, LocalHeaderSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[4..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[6..], Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[8..], 0); // stored
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[10..], DosTime);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[12..], DosDate);
        buffer.Slice(14, 12).Clear(); // CRC and sizes follow in the data descriptor
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[26..], (ushort)name.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[28..], 0);
        name.CopyTo(buffer[LocalHeaderSize..]);
    }

    public static void WriteDescriptor(Span<byte> buffer, uint crc, uint size)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, DescriptorSignature);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[4..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[8..], size);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[12..], size);
    }

    public static void WriteCentralHeader(Span<byte> buffer, ReadOnlySpan<byte> name, uint crc, uint size, uint offset)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, CentralHeaderSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[4..], Version); // made by: MS-DOS, 2.0
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[6..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[8..], Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[10..], 0);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[12..], DosTime);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[14..], DosDate);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[16..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[20..], size);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[24..], size);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[28..], (ushort)name.Length);
        buffer.Slice(30, 12).Clear(); // extra, comment, disk, internal and external attributes
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[42..], offset);
        name.CopyTo(buffer[CentralHeaderSize..]);
    }

    public static void WriteEnd(Span<byte> buffer, int entries, uint directorySize, uint directoryOffset)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, EndSignature);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[4..], 0); // this disk, directory disk
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[8..], (ushort)entries);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[10..], (ushort)entries);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[12..], directorySize);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[16..], directoryOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[20..], 0);
    }
}
