using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Audit;

/// <summary>An owned type has no subject of its own: its changes carry the subject of the entity that owns it (the
/// outermost owner, for owned types inside owned types). EF Core tracks an owned instance only with its owner, so the
/// owner is among the tracked entries, found by the ownership's key values.</summary>
internal static class AuditOwners
{
    public static void Resolve(
        DbContext context,
        List<PendingAuditChange> owned,
        AuditChangeCollector collector,
        PersonalDataModelHolder model,
        ref List<(PendingAuditChange, AuditSubjectPathStep)>? lookups)
    {
        // The changes were detected by the collector: walking the entries again need not detect them a second time.
        var detect = context.ChangeTracker.AutoDetectChangesEnabled;
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var byKey = IndexPrincipals(context, owned);
            foreach (var change in owned)
            {
                var owner = FindOutermostOwner(context, change, byKey);
                CarryOwnersSubject(change, owner, owner is null ? null : collector.Describe(owner.Metadata, model), ref lookups);
            }
        }
        finally
        {
            context.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static Dictionary<(IEntityType, CompositeKey), EntityEntry> IndexPrincipals(DbContext context, List<PendingAuditChange> owned)
    {
        var principals = owned.Select(static c => c.Type.Ownership!.PrincipalEntityType).ToHashSet();
        var byKey = new Dictionary<(IEntityType, CompositeKey), EntityEntry>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (principals.Contains(entry.Metadata))
            {
                var key = entry.Metadata.FindPrimaryKey();
                if (key is not null)
                {
                    byKey.TryAdd((entry.Metadata, Values(entry, key.Properties)), entry);
                }
            }
        }

        return byKey;
    }

    private static EntityEntry? FindOutermostOwner(DbContext context, PendingAuditChange change, Dictionary<(IEntityType, CompositeKey), EntityEntry> byKey)
    {
        var current = change.Entry;
        var ownership = change.Type.Ownership;
        while (current is not null && ownership is not null)
        {
            current = byKey.GetValueOrDefault((ownership.PrincipalEntityType, Values(current, ownership.Properties)))
                ?? FindOwner(context, current, ownership, byKey);
            ownership = current?.Metadata.FindOwnership();
        }

        return current;
    }

    private static void CarryOwnersSubject(
        PendingAuditChange change,
        EntityEntry? owner,
        AuditedEntityType? source,
        ref List<(PendingAuditChange, AuditSubjectPathStep)>? lookups)
    {
        change.SubjectEntry = owner;
        change.SubjectSource = source;
        change.Subject = null;
        change.SubjectAfterSave = false;
        if (source is null)
        {
            return;
        }

        if (source.Path is not null)
        {
            AuditChangeCollector.StartPath(change, ref lookups);
        }
        else if (source.HasTemporaryValues(owner!))
        {
            change.SubjectAfterSave = true;
        }
        else
        {
            change.Subject = source.Subject(owner!);
        }
    }

    /// <summary>An owner that is itself owned (nested owned types) was not indexed up front: found the same way.</summary>
    private static EntityEntry? FindOwner(
        DbContext context,
        EntityEntry owned,
        IForeignKey ownership,
        Dictionary<(IEntityType, CompositeKey), EntityEntry> byKey)
    {
        var principal = ownership.PrincipalEntityType;
        if (byKey.Keys.Any(k => k.Item1 == principal))
        {
            return null;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Metadata == principal && principal.FindPrimaryKey() is { } key)
            {
                byKey.TryAdd((principal, Values(entry, key.Properties)), entry);
            }
        }

        return byKey.GetValueOrDefault((principal, Values(owned, ownership.Properties)));
    }

    private static CompositeKey Values(EntityEntry entry, IReadOnlyList<IProperty> properties)
    {
        var values = new object[properties.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = entry.Property(properties[i]).CurrentValue ?? DBNull.Value;
        }

        return new CompositeKey(values);
    }
}
