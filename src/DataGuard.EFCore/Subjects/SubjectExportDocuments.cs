using System.Globalization;
using System.Text.Json;
using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Subjects;

namespace DataGuard.EFCore.Subjects;

/// <summary>The export's documents beside the entities' files: the subject's consent history (<c>consents.json</c>)
/// and audit trail (<c>audit.json</c>), timestamps in UTC ISO 8601.</summary>
internal static class SubjectExportDocuments
{
    public static void WriteConsents(Utf8JsonWriter json, IReadOnlyList<ConsentRecord> history)
    {
        json.WriteStartArray();
        foreach (var record in history)
        {
            json.WriteStartObject();
            json.WriteString("purpose", record.Purpose);
            json.WriteString("kind", record.Kind.ToString());
            json.WriteString("recordedAt", record.RecordedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("noticeVersion", record.NoticeVersion);
            json.WriteString("expiresAt", record.ExpiresAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("source", record.Source);
            json.WriteString("evidence", record.Evidence);
            json.WriteString("actor", record.Actor);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Pages through the subject's audit entries, flushing after each page so memory stays flat.</summary>
    public static async Task WriteAuditAsync(Utf8JsonWriter json, IAuditStore store, SubjectId subject, CancellationToken cancellationToken)
    {
        json.WriteStartArray();
        long after = 0;
        while (true)
        {
            var page = await store.QueryAsync(
                new AuditQuery { SubjectId = subject, AfterSequence = after, PageSize = AuditQuery.MaxPageSize }, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page.Entries)
            {
                WriteAuditEntry(json, entry);
            }

            await json.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (page.NextAfterSequence is not { } next)
            {
                break;
            }

            after = next;
        }

        json.WriteEndArray();
    }

    private static void WriteAuditEntry(Utf8JsonWriter json, AuditEntry entry)
    {
        json.WriteStartObject();
        json.WriteNumber("sequence", entry.Sequence);
        json.WriteString("timestamp", entry.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        json.WriteString("action", entry.Action);
        json.WriteString("actor", entry.Actor);
        json.WriteString("entityType", entry.EntityType);
        json.WriteString("entityKey", entry.EntityKey);
        json.WriteString("purpose", entry.Purpose);
        json.WriteString("details", entry.Details);
        json.WriteStartArray("properties");
        foreach (var property in entry.Properties ?? [])
        {
            json.WriteStringValue(property);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
