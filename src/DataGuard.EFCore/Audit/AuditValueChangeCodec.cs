using System.Buffers;
using System.Text;
using System.Text.Json;
using DataGuard.Audit;

namespace DataGuard.EFCore.Audit;

/// <summary>
/// The stored text of an entry's masked values: a JSON array of <c>[property, old, new]</c> arrays, old and new being
/// strings or null. It is not what the chain hashes (that is the canonical encoding in <c>AuditChain</c>), so the
/// parser only has to be strict: anything else is reported as a damaged entry, never guessed at.
/// </summary>
internal static class AuditValueChangeCodec
{
    public static string? Serialize(IReadOnlyList<AuditValueChange>? changes)
    {
        if (changes is not { Count: > 0 })
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(64 * changes.Count);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var change in changes)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(change.Property);
                writer.WriteStringValue(change.OldValue);
                writer.WriteStringValue(change.NewValue);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads the stored text back.</summary>
    /// <exception cref="DataGuardAuditException">The text is not what <see cref="Serialize"/> writes.</exception>
    public static IReadOnlyList<AuditValueChange>? Parse(string? stored, long sequence)
    {
        if (stored is null)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(stored), new JsonReaderOptions { MaxDepth = 2 });
            Expect(ref reader, JsonTokenType.StartArray);
            var changes = new List<AuditValueChange>();
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                Is(reader, JsonTokenType.StartArray);
                Expect(ref reader, JsonTokenType.String);
                var property = reader.GetString()!;
                var oldValue = NullableString(ref reader);
                var newValue = NullableString(ref reader);
                Expect(ref reader, JsonTokenType.EndArray);
                changes.Add(new AuditValueChange(property, oldValue, newValue));
            }

            if (reader.Read() || changes.Count == 0)
            {
                throw new FormatException("trailing data or no change");
            }

            return changes;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            // The message names the entry only: the stored text is never echoed (it is masked, but still personal data).
            throw new DataGuardAuditException($"The masked values of audit entry {sequence} are damaged; verify the chain.", ex);
        }
    }

    private static string? NullableString(ref Utf8JsonReader reader) => Next(ref reader) switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw new FormatException("a value is neither a string nor null"),
    };

    private static JsonTokenType Next(ref Utf8JsonReader reader)
        => reader.Read() ? reader.TokenType : throw new FormatException("truncated");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        Next(ref reader);
        Is(reader, type);
    }

    private static void Is(in Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new FormatException($"expected {type}");
        }
    }
}
