namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>One row as plain SQL sees it: its key (canonical text), the subject its foreign keys lead to (null when the
/// chain is broken), its creation date, whether DataGuard's anonymised-at marker is set, and its soft-delete flag.</summary>
internal sealed record OracleRow(ModelNode Node, string Key, Guid? Subject, DateTime CreatedAt, bool Marked, bool IsDeleted);
