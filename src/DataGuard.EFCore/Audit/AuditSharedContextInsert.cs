namespace DataGuard.EFCore.Audit;

/// <summary>The whole append as one SQLite statement for entries that share time, actor, purpose, correlation id and
/// details (<see cref="AuditSql.SharedInsert"/>), as the entries of one SaveChanges do.</summary>
internal sealed class AuditSharedContextInsert : AuditJsonInsert
{
    public static AuditSharedContextInsert Instance { get; } = new();

    protected override AuditJsonInsertSql Statement(AuditSql sql) => sql.SharedInsert!;
}
