using DataGuard.Audit;

namespace DataGuard.EFCore.Audit;

/// <summary>One way of inserting sealed entries into the audit table (<see cref="AuditEntryInserts.For"/> picks one per
/// append): row by row with parameters, or, on SQLite, the whole append as one statement.</summary>
internal interface IAuditEntryInsert
{
    /// <summary>Inserts the entries in the session's transaction; throws when fewer were stored (the caller's transaction
    /// is then rolled back: a partly stored append must never commit).</summary>
    ValueTask InsertAsync(AuditAppendSession session, ArraySegment<AuditEntry> entries);
}
