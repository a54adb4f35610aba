using System.Runtime.CompilerServices;
using DataGuard.Audit;
using DataGuard.EFCore.Model;
using DataGuard.Masking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Audit;

/// <summary>Notes, before SaveChanges, the inserts, updates and deletes of entities with personal data (names of personal
/// properties, never values), with their keys and subjects as far as they are known before the save.</summary>
/// <param name="masker">Records masked old and new values when set (<see cref="AuditOptions.RecordMaskedValues"/>).</param>
internal sealed class AuditChangeCollector(DataMasker? masker)
{
    private readonly ConditionalWeakTable<IEntityType, AuditedEntityType?> _types = [];

    /// <summary>The changes to audit (null when none), and the subjects to read by key before the save (null when none).</summary>
    public List<PendingAuditChange>? Collect(DbContext context, out List<(PendingAuditChange, AuditSubjectPathStep)>? lookups)
    {
        lookups = null;
        List<PendingAuditChange>? changes = null;
        List<PendingAuditChange>? owned = null;
        PersonalDataModelHolder? model = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            var action = entry.State switch
            {
                EntityState.Added => AuditActions.EntityInserted,
                EntityState.Modified => AuditActions.EntityUpdated,
                EntityState.Deleted => AuditActions.EntityDeleted,
                _ => null,
            };
            if (action is null)
            {
                continue;
            }

            model ??= new PersonalDataModelHolder(context);
            if (Describe(entry.Metadata, model) is not { } type)
            {
                continue;
            }

            var properties = entry.State == EntityState.Modified ? type.ModifiedPersonal(entry) : type.AllPersonal;
            var reread = entry.State == EntityState.Added && type.HasTemporaryValues(entry);
            var change = new PendingAuditChange(entry, type, action, properties, reread, type.MaskedChanges(entry));
            if (type.Ownership is not null)
            {
                (owned ??= []).Add(change); // its owner's entry is found once every entry has been seen
            }
            else if (type.Path is not null)
            {
                StartPath(change, ref lookups);
            }

            (changes ??= []).Add(change);
        }

        if (owned is not null)
        {
            AuditOwners.Resolve(context, owned, this, model!, ref lookups);
        }

        return changes;
    }

    /// <summary>Walks the change's subject path as far as the tracked entries go.</summary>
    public static void StartPath(PendingAuditChange change, ref List<(PendingAuditChange, AuditSubjectPathStep)>? lookups)
    {
        var step = change.SubjectSource!.Path!.Walk(change.SubjectEntry!);
        change.SubjectAfterSave = step.Kind == AuditSubjectPathKind.AfterSave;
        change.Subject = step.Subject;
        if (step.Kind == AuditSubjectPathKind.Lookup)
        {
            (lookups ??= []).Add((change, step));
        }
    }

    /// <summary>The audited view of an entity type, or null when it holds no personal data; built once per type.</summary>
    public AuditedEntityType? Describe(IEntityType entityType, PersonalDataModelHolder model)
    {
        if (_types.TryGetValue(entityType, out var known))
        {
            return known;
        }

        var descriptor = PersonalEntityLookup.Find(model.Model, entityType);
        var type = descriptor is { HoldsPersonalData: true } ? new AuditedEntityType(entityType, descriptor, masker) : null;
        _types.AddOrUpdate(entityType, type);
        return type;
    }
}
