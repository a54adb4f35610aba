using DataGuard.Encryption;
using DataGuard.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EntityFrameworkCore.Encryption;

/// <summary>
/// Before SaveChanges: makes sure the key ring is loaded (asynchronously, before EF opens its transaction, so the
/// value converters never wait on the database) and fills the blind-index column of every added or changed searchable
/// property. The encryption itself happens in the value converters.
/// </summary>
internal sealed class EncryptionSaveChangesInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Prepare(eventData.Context) is { } work)
        {
            work.Encryptor.EnsureReadyAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            FillBlindIndexes(work);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Prepare(eventData.Context) is { } work)
        {
            await work.Encryptor.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            FillBlindIndexes(work);
        }

        return result;
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
            if (entry.State is EntityState.Added or EntityState.Modified && EncryptionServices.HasEncryption(entry.Metadata))
            {
                (entries ??= []).Add(entry);
            }
        }

        if (entries is null)
        {
            return null;
        }

        return new Work(EncryptionServices.For(context), entries);
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

    private sealed record Work(FieldEncryptor Encryptor, List<EntityEntry> Entries);
}
