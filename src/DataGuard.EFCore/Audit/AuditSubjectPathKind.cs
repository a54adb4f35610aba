namespace DataGuard.EFCore.Audit;

/// <summary>The outcome kinds of <see cref="AuditSubjectPathStep"/>.</summary>
internal enum AuditSubjectPathKind
{
    Found,
    Lookup,
    AfterSave,
}
