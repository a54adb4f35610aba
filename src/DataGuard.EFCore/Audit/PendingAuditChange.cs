using DataGuard.Audit;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace DataGuard.EFCore.Audit;

/// <summary>One change seen before SaveChanges; key and subject are read again afterwards when the database generated
/// them (<see cref="RereadAfterSave"/>, <see cref="SubjectAfterSave"/>). A subject reached through a subject path whose
/// principal is not tracked is filled in by <see cref="AuditSubjectPathResolver"/> before the save. A change of an owned
/// type carries its owner's subject (<see cref="SubjectEntry"/>).</summary>
internal sealed class PendingAuditChange(
    EntityEntry entry,
    AuditedEntityType type,
    string action,
    IReadOnlyList<string>? properties,
    bool rereadAfterSave,
    IReadOnlyList<AuditValueChange>? changes)
{
    public EntityEntry Entry { get; } = entry;
    public AuditedEntityType Type { get; } = type;
    public string Action { get; } = action;
    public IReadOnlyList<string>? Properties { get; } = properties;
    public string? Key { get; } = rereadAfterSave ? null : type.Key(entry);
    public string? Subject { get; set; } = rereadAfterSave ? null : type.Subject(entry);
    public bool RereadAfterSave { get; } = rereadAfterSave;
    public bool SubjectAfterSave { get; set; } = rereadAfterSave;
    public IReadOnlyList<AuditValueChange>? Changes { get; } = changes;

    /// <summary>The entry whose subject the change carries: the entry itself, or for an owned type its (outermost) owner,
    /// whose subject property or path names the subject; <see langword="null"/> when no tracked owner was found.</summary>
    public EntityEntry? SubjectEntry { get; set; } = entry;

    /// <summary>The audited view of <see cref="SubjectEntry"/>'s type, or <see langword="null"/> when it has no subject.</summary>
    public AuditedEntityType? SubjectSource { get; set; } = type;
}
