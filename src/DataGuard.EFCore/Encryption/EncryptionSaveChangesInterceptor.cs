using DataGuard.Encryption;
using DataGuard.EFCore.Infrastructure;
using DataGuard.EFCore.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Encryption;

/// <summary>
/// Before SaveChanges: makes sure the key ring is loaded (asynchronously, before EF opens its transaction, so the
/// value converters never wait on the database) and fills the blind-index column of every added or changed searchable
/// property. The encryption itself happens in the value converters, except for subject-key properties, which
/// <see cref="SubjectKeyWriter"/> encrypts here and restores once the save is over.
/// </summary>
internal sealed class EncryptionSaveChangesInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Prepare(eventData.Context) is { } work)
        {
            work.Encryptor.EnsureReadyAsync(EncryptionsAtMost(work.Entries), CancellationToken.None).AsTask().GetAwaiter().GetResult();
            FillBlindIndexes(work);
            SubjectKeyWriter.EncryptAsync(eventData.Context!, work.Services, work.Entries, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (Prepare(eventData.Context) is { } work)
        {
            await work.Encryptor.EnsureReadyAsync(EncryptionsAtMost(work.Entries), cancellationToken).ConfigureAwait(false);
            FillBlindIndexes(work);
            await SubjectKeyWriter.EncryptAsync(eventData.Context!, work.Services, work.Entries, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        SubjectKeyWriter.Complete(eventData.Context, saved: true);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        SubjectKeyWriter.Complete(eventData.Context, saved: true);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => SubjectKeyWriter.Complete(eventData.Context, saved: false);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SubjectKeyWriter.Complete(eventData.Context, saved: false);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => SubjectKeyWriter.Complete(eventData.Context, saved: false);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        SubjectKeyWriter.Complete(eventData.Context, saved: false);
        return Task.CompletedTask;
    }

    private static Work? Prepare(DbContext? context)
    {
        if (context is null || !EncryptionServices.HasEncryption(context.Model))
        {
            return null;
        }

        List<EntityEntry>? entries = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            // An unchanged entity may still have a changed subject-key scalar, whose class member EF Core does not track.
            if ((entry.State is EntityState.Added or EntityState.Modified && EncryptionServices.HasEncryption(entry.Metadata))
                || (entry.State == EntityState.Unchanged && StoredFormProperty.HasAny(entry.Metadata)))
            {
                (entries ??= []).Add(entry);
            }
        }

        if (entries is null)
        {
            return null;
        }

        var services = EncryptionServices.ApplicationServices(context);
        return new Work(new DataGuardApplicationServices(services).Encryptor, services, entries);
    }

    /// <summary>How many values the save encrypts at most (every encrypted property of every added or changed entry), so
    /// that their share of the nonce budget is reserved before EF opens its transaction.</summary>
    private static long EncryptionsAtMost(List<EntityEntry> entries)
    {
        long count = 0;
        foreach (var entry in entries)
        {
            count += entry.Metadata.GetOrAddRuntimeAnnotationValue(
                "DataGuard:EncryptedPropertyCount",
                static type => type!.GetProperties().Count(static p => p.FindAnnotation(EncryptionAnnotationNames.Encrypted) is not null),
                entry.Metadata);
        }

        return count;
    }

    private static void FillBlindIndexes(Work work)
    {
        foreach (var entry in work.Entries)
        {
            foreach (var binding in BlindIndexBinding.For(entry.Metadata, work.Encryptor))
            {
                var source = entry.Property(binding.Source);
                if (entry.State == EntityState.Added || source.IsModified)
                {
                    entry.Property(binding.Index).CurrentValue = source.CurrentValue is string value ? binding.Column.Compute(value) : null;
                }
            }
        }
    }

    private sealed record Work(FieldEncryptor Encryptor, IServiceProvider Services, List<EntityEntry> Entries);
}
