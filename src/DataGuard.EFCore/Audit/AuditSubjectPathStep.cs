namespace DataGuard.EFCore.Audit;

/// <summary>How far a subject path walk got: the subject (or none), a principal to read from the database, or a key the
/// database has not generated yet (read again after the save, when the principal is tracked with its key).</summary>
internal readonly record struct AuditSubjectPathStep(AuditSubjectPathKind Kind, string? Subject, AuditSubjectPath? Path, int Step, object? Key)
{
    public static AuditSubjectPathStep AfterSave => new(AuditSubjectPathKind.AfterSave, null, null, 0, null);

    public static AuditSubjectPathStep Found(string? subject) => new(AuditSubjectPathKind.Found, subject, null, 0, null);

    public static AuditSubjectPathStep Lookup(AuditSubjectPath path, int step, object key) => new(AuditSubjectPathKind.Lookup, null, path, step, key);
}
