using DataGuard.Audit;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace DataGuard.EntityFrameworkCore.Audit;

/// <summary>One change seen before SaveChanges; key and subject are read again afterwards when the database generated
/// them (<see cref="RereadAfterSave"/>, <see cref="SubjectAfterSave"/>). A subject reached through a subject path whose
/// principal is not tracked is filled in by <see cref="AuditSubjectPathResolver"/> before the save.</summary>
internal sealed class PendingAuditChange(EntityEntry entry, AuditedEntityType type, string action, IReadOnlyList<string>? properties, string? key, string? subject, bool rereadAfterSave, IReadOnlyList<AuditValueChange>? changes)
{
    public EntityEntry Entry { get; } = entry;
    public AuditedEntityType Type { get; } = type;
    public string Action { get; } = action;
    public IReadOnlyList<string>? Properties { get; } = properties;
    public string? Key { get; } = key;
    public string? Subject { get; set; } = subject;
    public bool RereadAfterSave { get; } = rereadAfterSave;
    public bool SubjectAfterSave { get; set; } = rereadAfterSave;
    public IReadOnlyList<AuditValueChange>? Changes { get; } = changes;
}
