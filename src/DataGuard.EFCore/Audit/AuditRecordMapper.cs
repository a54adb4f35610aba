using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Masking;
using DataGuard.Subjects;

namespace DataGuard.EFCore.Audit;

/// <summary>
/// Converts between stored rows and <see cref="AuditEntry"/>. The stored form of the property names (the hash covers the
/// list itself, length-prefixed, see <see cref="AuditChain"/>) is the names joined with commas when that is unambiguous
/// — no name holds a comma and the text does not start with <c>[</c>, which is every list DataGuard records itself and
/// every row written before the list form existed — and otherwise a JSON array of strings. A row written before the
/// JSON form existed whose joined text happens to read as a JSON array, or whose names held commas, is found by the
/// verifier through <see cref="EarlierReadings"/>.
/// </summary>
internal static class AuditRecordMapper
{
    /// <summary>The most commas regrouped when looking for an earlier reading: 2^10 candidate lists at most.</summary>
    private const int MaxRegroupedCommas = 10;

    /// <exception cref="DataGuardAuditException">The row's masked values are damaged.</exception>
    public static AuditEntry ToEntry(AuditEntryRecord record) => ToEntry(record, SplitProperties(record.Properties));

    private static AuditEntry ToEntry(AuditEntryRecord record, IReadOnlyList<string>? properties) => new()
    {
        TenantId = AuditTenant.FromKey(record.TenantId),
        Sequence = record.Sequence,
        Timestamp = new DateTimeOffset(DateTime.SpecifyKind(record.Timestamp, DateTimeKind.Utc)),
        Action = record.Action,
        Actor = record.Actor,
        SubjectId = record.SubjectId,
        EntityType = record.EntityType,
        EntityKey = record.EntityKey,
        Properties = properties,
        Purpose = record.Purpose,
        CorrelationId = record.CorrelationId,
        Details = record.Details,
        Changes = AuditValueChangeCodec.Parse(record.Changes, record.Sequence),
        PreviousHash = record.PreviousHash,
        Hash = record.Hash,
    };

    public static string? JoinProperties(IReadOnlyList<string>? properties)
    {
        if (properties is null)
        {
            return null;
        }

        if (properties.Count > 0 && !(properties[0].StartsWith('[')) && !properties.Any(static p => p.Contains(',', StringComparison.Ordinal)))
        {
            return string.Join(',', properties);
        }

        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var property in properties)
            {
                // JSON cannot carry a lone surrogate; the chain hashes text as UTF-8, where it already is U+FFFD, so
                // storing U+FFFD keeps the hash.
                writer.WriteStringValue(HasSurrogate(property) ? Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(property)) : property);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<string>? SplitProperties(string? stored)
    {
        if (stored is null)
        {
            return null;
        }

        return stored.StartsWith('[') && TryParseArray(stored) is { } list ? list : stored.Split(',');
    }

    /// <summary>
    /// Other readings of a row's stored names that rows written before the JSON form could mean: the plain comma split
    /// of a text that reads as a JSON array, and every regrouping of comma-separated parts (names that held commas were
    /// joined and could not be split back). The verifier tries them only when the first reading does not match the hash.
    /// </summary>
    public static IEnumerable<AuditEntry> EarlierReadings(AuditEntryRecord record)
    {
        if (record.Properties is not { } stored)
        {
            yield break;
        }

        var parts = stored.Split(',');
        var readAsArray = stored.StartsWith('[') && TryParseArray(stored) is not null;
        if (parts.Length - 1 > MaxRegroupedCommas)
        {
            if (readAsArray)
            {
                yield return ToEntry(record, parts);
            }

            yield break;
        }

        // Bit i of the mask set: the comma after part i belonged to a name. Mask 0 is the plain split.
        var combinations = 1 << (parts.Length - 1);
        for (var mask = 0; mask < combinations; mask++)
        {
            var names = new List<string>();
            var current = new StringBuilder(parts[0]);
            for (var i = 1; i < parts.Length; i++)
            {
                if ((mask & (1 << (i - 1))) != 0)
                {
                    current.Append(',').Append(parts[i]);
                }
                else
                {
                    names.Add(current.ToString());
                    current.Clear().Append(parts[i]);
                }
            }

            names.Add(current.ToString());
            if (mask == 0 && !readAsArray)
            {
                continue; // the plain split is already the first reading
            }

            yield return ToEntry(record, names);
        }
    }

    private static bool HasSurrogate(string value)
    {
        foreach (var c in value)
        {
            if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    private static string[]? TryParseArray(string stored)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(stored), new JsonReaderOptions { MaxDepth = 1 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return null;
            }

            var names = new List<string>();
            while (reader.Read() && reader.TokenType == JsonTokenType.String)
            {
                names.Add(reader.GetString()!);
            }

            return reader.TokenType == JsonTokenType.EndArray && !reader.Read() ? [.. names] : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
