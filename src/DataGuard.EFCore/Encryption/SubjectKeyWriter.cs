using System.Runtime.CompilerServices;
using DataGuard.Encryption;
using DataGuard.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace DataGuard.EntityFrameworkCore.Encryption;

/// <summary>
/// The SaveChanges half of subject-key and row-bound encryption (<see cref="SubjectEncryptionBinding"/>): just before EF
/// Core builds its commands, puts the stored form of every added or changed value into the property (reading the keys of all subjects involved at once and
/// creating the missing ones in one write); once the save completes, fails or is cancelled, puts the plaintext back
/// and, for accepted changes, makes it the original value, so the entity is unchanged afterwards.
/// </summary>
internal static class SubjectKeyWriter
{
    private static readonly ConditionalWeakTable<DbContext, List<Restore>> Pending = new();

    public static async ValueTask EncryptAsync(DbContext context, IServiceProvider services, IReadOnlyList<EntityEntry> entries, CancellationToken cancellationToken)
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
                var all = entry.State == EntityState.Added || (binding.Subject is not null && entry.Property(binding.Subject).IsModified);
                var row = binding.RowOf(entry);
                foreach (var field in binding.Fields)
                {
                    var property = entry.Property(field.Property);
                    if (!(all || property.IsModified) || property.CurrentValue is not { } value)
                    {
                        continue;
                    }

                    var stored = Encrypt(field, value, subject is null ? null : keys![subject], subject, row);
                    restores.Add(new Restore(property, value));
                    property.CurrentValue = stored;
                    property.IsModified |= entry.State == EntityState.Modified;
                }
            }
        }
        catch
        {
            Put(restores, accepted: false);
            throw;
        }

        Pending.AddOrUpdate(context, restores);
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
            if (entry.Property(field.Property).IsModified)
            {
                return true;
            }
        }

        return false;
    }

    private static object Encrypt(SubjectEncryptionBinding.Field field, object value, SubjectKeyLookup? key, string? subject, string? row)
    {
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
        foreach (var (property, plain) in restores)
        {
            var entry = property.EntityEntry;
            if (entry.State == EntityState.Detached)
            {
                continue;
            }

            var unchanged = accepted && entry.State == EntityState.Unchanged;
            property.CurrentValue = plain;
            if (unchanged)
            {
                property.OriginalValue = plain;
                property.IsModified = false;
            }
        }
    }

    private sealed record Restore(PropertyEntry Property, object Plain);
}
