namespace DataGuard.EFCore.Audit;

/// <summary>The whole append as one SQLite statement for entries that share their context and also action, entity type
/// and properties, with no masked values (<see cref="AuditSql.UniformInsert"/>): a SaveChanges of one kind of change to
/// one entity type.</summary>
internal sealed class AuditUniformInsert : AuditJsonInsert
{
    public static AuditUniformInsert Instance { get; } = new();

    protected override AuditJsonInsertSql Statement(AuditSql sql) => sql.UniformInsert!;
}
