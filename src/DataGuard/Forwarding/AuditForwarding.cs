using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Subjects;

namespace DataGuard.Forwarding;

/// <summary>The wire form of forwarded audit entries, shared by every built-in forwarder.</summary>
public static class AuditForwarding
{
    /// <summary>
    /// The key a destination deduplicates an entry by: its sequence and the start of its hash, for example
    /// <c>42-9f86d081884c7d65</c>. The same entry always has the same key, and a rewritten entry a different one.
    /// </summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    public static string IdempotencyKey(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return string.Create(CultureInfo.InvariantCulture, $"{entry.Sequence}-{Convert.ToHexStringLower(entry.Hash.Span[..Math.Min(8, entry.Hash.Length)])}");
    }

    /// <summary>
    /// Writes an entry as one line of JSON (no line breaks): every field the chain hashes, with the hashes in base64,
    /// and its idempotency key. Entries hold property names and, only when masked values are recorded, masked values;
    /// never personal values in clear. docs/operations.md shows an example.
    /// </summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The UTF-8 JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    public static byte[] ToJson(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("idempotencyKey", IdempotencyKey(entry));
            writer.WriteNumber("sequence", entry.Sequence);
            writer.WriteString("timestamp", entry.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("action", entry.Action);
            WriteOptional(writer, "actor", entry.Actor);
            WriteOptional(writer, "subjectId", entry.SubjectId);
            WriteOptional(writer, "entityType", entry.EntityType);
            WriteOptional(writer, "entityKey", entry.EntityKey);
            if (entry.Properties is { } properties)
            {
                writer.WriteStartArray("properties");
                foreach (var property in properties)
                {
                    writer.WriteStringValue(property);
                }

                writer.WriteEndArray();
            }

            WriteOptional(writer, "purpose", entry.Purpose);
            WriteOptional(writer, "correlationId", entry.CorrelationId);
            WriteOptional(writer, "details", entry.Details);
            if (entry.Changes is { } changes)
            {
                writer.WriteStartArray("changes");
                foreach (var change in changes)
                {
                    writer.WriteStartObject();
                    writer.WriteString("property", change.Property);
                    writer.WriteString("old", change.OldValue);
                    writer.WriteString("new", change.NewValue);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteBase64String("previousHash", entry.PreviousHash.Span);
            writer.WriteBase64String("hash", entry.Hash.Span);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
