using DataGuard.Audit;
using DataGuard.Consent;

namespace DataGuard.EFCore.Audit;

/// <summary>Picks the insert for an append: the fewest values to send that still store every entry exactly.</summary>
internal static class AuditEntryInserts
{
    public static IAuditEntryInsert For(AuditSql sql, AuditEntry[] entries)
    {
        if (sql.SharedInsert is null || !ShareContext(entries))
        {
            return AuditRowInsert.Instance;
        }

        return sql.UniformInsert is not null && Uniform(entries) ? AuditUniformInsert.Instance : AuditSharedContextInsert.Instance;
    }

    /// <summary>Whether every entry shares time, actor, purpose, correlation id and details, as the entries of one
    /// SaveChanges do.</summary>
    private static bool ShareContext(AuditEntry[] entries)
    {
        var first = entries[0];
        foreach (var entry in entries)
        {
            if (entry.Timestamp != first.Timestamp || !string.Equals(entry.Actor, first.Actor, StringComparison.Ordinal)
                || !string.Equals(entry.Purpose, first.Purpose, StringComparison.Ordinal)
                    || !string.Equals(entry.CorrelationId, first.CorrelationId, StringComparison.Ordinal)
                || !string.Equals(entry.Details, first.Details, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the entries (which share their context) also share action, entity type and properties and
    /// have no masked values.</summary>
    private static bool Uniform(AuditEntry[] entries)
    {
        var first = entries[0];
        var properties = AuditRecordMapper.JoinProperties(first.Properties);
        foreach (var entry in entries)
        {
            if (entry.Changes is not null
                || !string.Equals(entry.Action, first.Action, StringComparison.Ordinal)
                || !string.Equals(entry.EntityType, first.EntityType, StringComparison.Ordinal)
                || !string.Equals(AuditRecordMapper.JoinProperties(entry.Properties), properties, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
