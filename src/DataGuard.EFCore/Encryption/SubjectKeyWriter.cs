using System.Runtime.CompilerServices;
using DataGuard.Encryption;
using DataGuard.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace DataGuard.EFCore.Encryption;

/// <summary>
/// The SaveChanges half of subject-key and row-bound encryption (<see cref="SubjectEncryptionBinding"/>): just before EF
/// Core builds its commands, puts the stored form of every added or changed value into the property (reading the keys of all subjects involved at once and
/// creating the missing ones in one write); once the save completes, fails or is cancelled, puts the plaintext back
/// and, for accepted changes, makes it the original value, so the entity is unchanged afterwards.
/// </summary>
internal static class SubjectKeyWriter
{
    private static readonly ConditionalWeakTable<DbContext, List<Restore>> Pending = new();

    public static async ValueTask EncryptAsync(
        DbContext context,
        IServiceProvider services,
        IReadOnlyList<EntityEntry> entries,
        CancellationToken cancellationToken)
    {
        List<(SubjectEncryptionBinding Binding, EntityEntry Entry, string? Subject)>? plans = null;
        HashSet<string>? subjects = null;
        foreach (var entry in entries)
        {
            if (SubjectEncryptionBinding.For(entry.Metadata, services) is not { } binding || !HasWork(binding, entry))
            {
                continue;
            }

            var subject = binding.SubjectOf(entry);
            (plans ??= []).Add((binding, entry, subject));
            if (subject is not null)
            {
                (subjects ??= new HashSet<string>(StringComparer.Ordinal)).Add(subject);
            }
        }

        if (plans is null)
        {
            return;
        }

        var keys = subjects is null
            ? null
            : await plans[0].Binding.Ring.ResolveForWriteAsync(subjects, cancellationToken).ConfigureAwait(false);
        var restores = new List<Restore>();
        try
        {
            foreach (var (binding, entry, subject) in plans)
            {
                EncryptEntry(binding, entry, new Encryption(subject is null ? null : keys![subject], subject, binding.RowOf(entry)), restores);
            }
        }
        catch
        {
            Put(restores, accepted: false);
            throw;
        }

        Pending.AddOrUpdate(context, restores);
    }

    /// <summary>Replaces the entry's personal values with their stored forms, remembering each clear value to put back
    /// after the save.</summary>
    private static void EncryptEntry(SubjectEncryptionBinding binding, EntityEntry entry, Encryption encryption, List<Restore> restores)
    {
        var all = entry.State == EntityState.Added || (binding.Subject is not null && entry.Property(binding.Subject).IsModified);
        foreach (var field in binding.Fields)
        {
            if (field.ShadowIndex >= 0)
            {
                WriteStoredForm(binding, entry, field, all, encryption, restores);
                continue;
            }

            var property = entry.Property(field.Property);
            if (!(all || property.IsModified) || property.CurrentValue is not { } value)
            {
                continue;
            }

            var stored = Encrypt(field, value, encryption);
            restores.Add(new Restore(property, value));
            property.CurrentValue = stored;
            property.IsModified |= entry.State == EntityState.Modified;
        }
    }

    /// <summary>Puts the plaintext back after SaveChanges; <paramref name="saved"/> when it succeeded.</summary>
    public static void Complete(DbContext? context, bool saved)
    {
        if (context is not null && Pending.TryGetValue(context, out var restores))
        {
            Pending.Remove(context);
            Put(restores, saved);
        }
    }

    private static bool HasWork(SubjectEncryptionBinding binding, EntityEntry entry)
    {
        if (entry.State == EntityState.Added || (binding.Subject is not null && entry.Property(binding.Subject).IsModified))
        {
            return true;
        }

        foreach (var field in binding.Fields)
        {
            if (field.ShadowIndex >= 0 ? StoredFormChanged(entry, field) : entry.Property(field.Property).IsModified)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the application changed a subject-key scalar since it was read or saved: EF Core does not track
    /// its class member, so it is compared with its snapshot. An entity without one (attached by the application) is
    /// written whole when it is marked modified, and so is a stored form EF Core marked modified itself.</summary>
    private static bool StoredFormChanged(EntityEntry entry, SubjectEncryptionBinding.Field field)
        => entry.Property(field.Property).IsModified // Update() of an entity read elsewhere: the shadow property holds nothing yet
           || (StoredFormSnapshots.Of(entry.Entity) is { } snapshot
               ? !Equals(field.Get(entry.Entity), snapshot[field.ShadowIndex])
               : entry.State == EntityState.Modified);

    /// <summary>Puts the stored form of a changed subject-key scalar into its shadow property (which marks the row
    /// modified); the class member keeps the plaintext, which becomes the snapshot once the save is accepted.</summary>
    private static void WriteStoredForm(
        SubjectEncryptionBinding binding,
        EntityEntry entry,
        SubjectEncryptionBinding.Field field,
        bool all,
        Encryption encryption,
        List<Restore> restores)
    {
        if (!all && !StoredFormChanged(entry, field))
        {
            return;
        }

        var plain = field.Get(entry.Entity);
        var property = entry.Property(field.Property);
        property.CurrentValue = plain is null ? null : Encrypt(field, plain, encryption);
        property.IsModified |= entry.State == EntityState.Modified;
        restores.Add(new Restore(property, plain) { Snapshot = (field.ShadowIndex, binding.StoredFormCount) });
    }

    private static object Encrypt(SubjectEncryptionBinding.Field field, object value, Encryption encryption)
    {
        var (key, subject, row) = encryption;
        // A row without a subject (or an entity without subject keys) is on the ring; bound to its row when the entity
        // is row-bound.
        if (key is { } found && found.Status != SubjectKeyStatus.Found)
        {
            throw field.Column.Fail("the data subject was crypto-shredded, so no new personal data can be encrypted for it", found.KeyId);
        }

        return field.Form.Encrypt(field.Column, value, key is null ? new ValueContext(null, null, row) : new ValueContext(key.Value.Key, subject, row));
    }

    private static void Put(List<Restore> restores, bool accepted)
    {
        foreach (var restore in restores)
        {
            var (property, plain) = restore;
            var entry = property.EntityEntry;
            if (entry.State == EntityState.Detached)
            {
                continue;
            }

            var unchanged = accepted && entry.State == EntityState.Unchanged;
            if (restore.Snapshot is var (index, count) && count > 0)
            {
                // The shadow property keeps the stored form EF Core wrote; the member's plaintext is now what was saved.
                if (unchanged)
                {
                    var snapshot = StoredFormSnapshots.Of(entry.Entity) ?? new object?[count];
                    snapshot[index] = plain;
                    StoredFormSnapshots.Remember(entry.Entity, snapshot);
                }

                continue;
            }

            property.CurrentValue = plain;
            if (unchanged)
            {
                property.OriginalValue = plain;
                property.IsModified = false;
            }
        }
    }

    /// <summary>A value to put back after the save; for a subject-key scalar, its place in the entity's snapshot.</summary>
    private sealed record Restore(PropertyEntry Property, object? Plain)
    {
        public (int Index, int Count) Snapshot { get; init; }
    }

    /// <summary>What a row's values are encrypted with: the subject's key (or the ring's, without one) and the row id.</summary>
    private readonly record struct Encryption(SubjectKeyLookup? Key, string? Subject, string? Row);
}
