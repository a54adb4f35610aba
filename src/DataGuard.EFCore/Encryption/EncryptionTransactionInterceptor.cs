using System.Data.Common;
using DataGuard.Encryption;
using DataGuard.EFCore.Keys;
using DataGuard.Keys;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DataGuard.EFCore.Encryption;

/// <summary>
/// Loads the key ring (creating the first keys on a new database) before a transaction starts. Keys are written on a
/// connection of their own; inside an application transaction on SQLite that write would wait on the application's own
/// lock, so it has to happen first. It is best-effort: a transaction that creates the schema (EnsureCreated, migrations)
/// starts before the keys table exists, and SaveChanges loads the ring again anyway and reports real failures there.
/// </summary>
internal sealed class EncryptionTransactionInterceptor : DbTransactionInterceptor
{
    public override InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection,
        TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        if (EncryptionServices.ForModelOf(eventData.Context) is { } encryptor)
        {
            try
            {
                LoadAsync(eventData.Context!, encryptor, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (IsStoreNotReady(ex))
            {
            }
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection,
        TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default)
    {
        if (EncryptionServices.ForModelOf(eventData.Context) is { } encryptor)
        {
            try
            {
                await LoadAsync(eventData.Context!, encryptor, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsStoreNotReady(ex))
            {
            }
        }

        return result;
    }

    private static async Task LoadAsync(Microsoft.EntityFrameworkCore.DbContext context, FieldEncryptor encryptor, CancellationToken cancellationToken)
    {
        if (encryptor.Ring.IsLoaded)
        {
            await encryptor.EnsureReadyAsync(cancellationToken).ConfigureAwait(false); // refresh if stale; no table check needed
            return;
        }

        if (EncryptionServices.ApplicationServices(context).GetService(typeof(IKeyStore)) is IKeyStoreProbe probe
            && !await probe.IsAvailableAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        await encryptor.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
    }

    private static bool IsStoreNotReady(Exception exception) => exception is DbException or Microsoft.EntityFrameworkCore.DbUpdateException;
}
