using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Audit;

/// <summary>The contexts inside SaveChanges: their UPDATE and DELETE statements are audited entity by entity by
/// <see cref="AuditSaveChangesInterceptor"/>, so <see cref="BulkStatementAuditInterceptor"/> leaves them alone.</summary>
internal static class AuditSavingContexts
{
    private static readonly ConditionalWeakTable<DbContext, object> Saving = [];

    public static void Enter(DbContext? context)
    {
        if (context is not null)
        {
            Saving.AddOrUpdate(context, Saving);
        }
    }

    public static void Leave(DbContext? context)
    {
        if (context is not null)
        {
            Saving.Remove(context);
        }
    }

    public static bool IsSaving(DbContext context) => Saving.TryGetValue(context, out _);
}
