using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DataGuard.Consent;
using DataGuard.Subjects;

namespace DataGuard.Audit;

/// <summary>
/// The canonical encoding of an <see cref="AuditEntry"/> and its hash. The encoding is part of the stored format: a
/// change to it is a new format version, never an edit. Layout (docs/audit-trail.md):
/// <list type="number">
/// <item>one byte: <see cref="FormatVersion"/> (1), or <see cref="ChangesFormatVersion"/> (2) for an entry with masked
/// values;</item>
/// <item>then each field as a 4-byte big-endian length followed by that many bytes of UTF-8; a null field is the
/// length 0xFFFFFFFF and no bytes, so null and "" differ;</item>
/// <item>fields in this order: sequence (invariant decimal), timestamp (UTC, <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>),
/// action, actor, subject id, entity type, entity key, property count (invariant decimal, or null when there is no
/// list) followed by each property name, purpose, correlation id, details, then in version 2 only the number of masked
/// changes (invariant decimal) followed by property, masked old value and masked new value of each, and last the
/// previous hash (its 32 raw bytes).</item>
/// </list>
/// Entries without masked values keep version 1, so chains written before version 2 existed still verify. An entry of a
/// tenant's chain has version 3 (or 4 with masked values) and its tenant id as a field right after the version byte;
/// the rest is the same, so platform entries (no tenant) encode exactly as before.
/// The hash is SHA-256 over those bytes.
/// </summary>
internal static class AuditChain
{
    public const byte FormatVersion = 1;
    public const byte ChangesFormatVersion = 2;

    /// <summary>Added to the version of an entry of a tenant's chain (3, or 4 with masked values).</summary>
    public const byte TenantFormatOffset = 2;
    public const int HashSize = 32;
    private const uint NullLength = uint.MaxValue;
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static ReadOnlyMemory<byte> GenesisHash { get; } = new byte[HashSize];

    /// <summary>Drops sub-microsecond ticks and converts to UTC: PostgreSQL stores microseconds, and a stored value
    /// must read back exactly as it was hashed.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    [ThreadStatic]
    private static DateTimeOffset t_timestamp;

    [ThreadStatic]
    private static string? t_timestampText;

    public static byte[] ComputeHash(AuditEntry entry)
        => ComputeHash(entry.Sequence, RecordOf(entry), entry.PreviousHash.Span, entry.TenantId);

    public static byte[] ComputeHash(long sequence, AuditRecord record, ReadOnlySpan<byte> previousHash, string? tenantId = null)
    {
        // One buffer and one hash object per thread: appends hash thousands of entries per SaveChanges, and reusing
        // the hash saves creating a native digest context per entry (SHA256.HashData makes one per call).
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        Encode(sequence, record, previousHash, buffer, tenantId);
        var sha256 = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha256.AppendData(buffer.WrittenSpan);
        var hash = new byte[HashSize];
        sha256.GetHashAndReset(hash);
        return hash;
    }

    public static void Encode(AuditEntry entry, IBufferWriter<byte> output)
        => Encode(entry.Sequence, RecordOf(entry), entry.PreviousHash.Span, output, entry.TenantId);

    public static void Encode(long sequence, AuditRecord record, ReadOnlySpan<byte> previousHash, IBufferWriter<byte> output, string? tenantId = null)
    {
        var changes = record.Changes is { Count: > 0 } list ? list : null;
        var version = changes is null ? FormatVersion : ChangesFormatVersion;
        output.GetSpan(1)[0] = tenantId is null ? version : (byte)(version + TenantFormatOffset);
        output.Advance(1);
        if (tenantId is not null)
        {
            WriteText(output, tenantId);
        }

        Span<char> number = stackalloc char[32];
        WriteNumber(output, sequence, number);
        WriteText(output, FormatTimestamp(record.Timestamp));
        WriteText(output, record.Action);
        WriteText(output, record.Actor);
        WriteText(output, record.SubjectId);
        WriteText(output, record.EntityType);
        WriteText(output, record.EntityKey);
        if (record.Properties is { } properties)
        {
            WriteNumber(output, properties.Count, number);
            foreach (var property in properties)
            {
                WriteText(output, property);
            }
        }
        else
        {
            WriteText(output, null);
        }

        WriteText(output, record.Purpose);
        WriteText(output, record.CorrelationId);
        WriteText(output, record.Details);
        if (changes is not null)
        {
            WriteNumber(output, changes.Count, number);
            foreach (var change in changes)
            {
                WriteText(output, change.Property);
                WriteText(output, change.OldValue);
                WriteText(output, change.NewValue);
            }
        }

        WriteBytes(output, previousHash);
    }

    private static AuditRecord RecordOf(AuditEntry entry) => new(
        entry.Timestamp, entry.Action, entry.Actor, entry.SubjectId, entry.EntityType, entry.EntityKey, entry.Properties,
        entry.Purpose, entry.CorrelationId, entry.Details, entry.Changes);

    /// <summary>The timestamp's text, formatted once for a run of entries with the same time (every SaveChanges
    /// appends such a run): a custom format string is parsed on every call.</summary>
    private static string FormatTimestamp(DateTimeOffset timestamp)
    {
        if (t_timestampText is { } text && t_timestamp == timestamp)
        {
            return text;
        }

        text = timestamp.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);
        (t_timestamp, t_timestampText) = (timestamp, text);
        return text;
    }

    private static void WriteNumber(IBufferWriter<byte> output, long value, Span<char> scratch)
    {
        value.TryFormat(scratch, out var length, default, CultureInfo.InvariantCulture);
        WriteText(output, scratch[..length]);
    }

    /// <summary>Whether the entry's stored hash is the hash of its content, compared in constant time.</summary>
    public static bool HashMatches(AuditEntry entry)
        => entry.Hash.Length == HashSize && CryptographicOperations.FixedTimeEquals(ComputeHash(entry), entry.Hash.Span);

    public static bool HashEquals(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
        => left.Length == right.Length && CryptographicOperations.FixedTimeEquals(left, right);

    private static void WriteText(IBufferWriter<byte> output, string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), NullLength);
            output.Advance(4);
            return;
        }

        WriteText(output, value.AsSpan());
    }

    private static void WriteText(IBufferWriter<byte> output, ReadOnlySpan<char> value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        var span = output.GetSpan(4 + length);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)length);
        Encoding.UTF8.GetBytes(value, span[4..]);
        output.Advance(4 + length);
    }

    private static void WriteBytes(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        var span = output.GetSpan(4 + value.Length);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)value.Length);
        value.CopyTo(span[4..]);
        output.Advance(4 + value.Length);
    }
}
