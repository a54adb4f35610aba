using DataGuard.Consent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DataGuard.EFCore.Purposes;

/// <summary>Refuses to save an entity whose fields a purpose scope masked when a masked field is about to be written:
/// the mask would overwrite the stored value.</summary>
internal sealed class PurposeSaveChangesGuard : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null || !PurposeMaskedEntities.Any)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Modified or EntityState.Added) || PurposeMaskedEntities.Find(entry.Entity) is not { } masked)
            {
                continue;
            }

            foreach (var name in masked.Properties)
            {
                if (entry.State == EntityState.Added || entry.Property(name).IsModified)
                {
                    throw new DataGuardException($"{entry.Metadata.DisplayName()}.{name} was read masked under purpose '{masked.Purpose}'; saving it would " +
                        "overwrite the stored value with the mask. Read the entity outside that purpose scope to change it.");
                }
            }
        }
    }
}
