using DataGuard.Encryption;
using DataGuard.Keys;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Keys;

/// <summary>
/// At start-up, unwraps every key of the ring (data and blind-index keys) and fails the start naming those that no
/// longer unwrap — a Data Protection key deleted or not restored would otherwise surface as unreadable rows much later —
/// and re-wraps under the current Data Protection key the ones an older key wrapped, before that key expires and is
/// deleted. Subject keys (one per data subject, possibly millions) are checked and re-wrapped in the background after
/// start, and the ones that do not unwrap are logged by id. A database whose DataGuard tables do not exist yet is skipped.
/// </summary>
internal sealed partial class KeyRingStartupCheck(
    IKeyStore store,
    IKeyManager keys,
    IOptionsMonitor<DataGuardOptions> options,
    ILogger<KeyRingStartupCheck> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _subjectKeys;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (keys is not KeyManager manager)
        {
            return; // the application replaced the key manager
        }

        if (store is IKeyStoreProbe probe && !await IsAvailableAsync(probe, cancellationToken).ConfigureAwait(false))
        {
            LogSkipped(logger);
            return;
        }

        var result = await manager.RewrapAsync(ringKeys: true, subjectKeys: false, cancellationToken).ConfigureAwait(false);
        if (result.UnreadableKeyIds.Count > 0)
        {
            throw new DataGuardCryptoException(
                $"DataGuard keys {string.Join(", ", result.UnreadableKeyIds)} can no longer be unwrapped: the Data Protection key that wrapped them is " +
                "missing from the key ring (deleted, expired and removed, or not restored with the database), or the application name or key-ring location " +
                "changed. Values encrypted with them cannot be read. Restore the Data Protection key ring from the backup taken with the database " +
                "(docs/backup-and-recovery.md).",
                keyId: result.UnreadableKeyIds[0]);
        }

        if (options.CurrentValue.Encryption.SubjectKeys)
        {
            _subjectKeys = Task.Run(() => CheckSubjectKeysAsync(manager, _stopping.Token), CancellationToken.None);
        }
    }

    /// <summary>A database that does not exist yet (created after the host starts) is not an error here.</summary>
    private static async Task<bool> IsAvailableAsync(IKeyStoreProbe probe, CancellationToken cancellationToken)
    {
        try
        {
            return await probe.IsAvailableAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException)
        {
            return false;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_subjectKeys is { } running)
        {
            await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task CheckSubjectKeysAsync(KeyManager manager, CancellationToken cancellationToken)
    {
        try
        {
            var result = await manager.RewrapAsync(ringKeys: false, subjectKeys: true, cancellationToken).ConfigureAwait(false);
            if (result.UnreadableKeyIds.Count > 0)
            {
                LogSubjectKeysUnreadable(logger, result.UnreadableKeyIds.Count, string.Join(", ", result.UnreadableKeyIds.Take(100)));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogSubjectKeysFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 1140, Level = LogLevel.Information, Message = "DataGuard's key table (or database) does not exist yet: the start-up key check " +
        "is skipped")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(EventId = 1141, Level = LogLevel.Error, Message = "DataGuard: {Count} subject keys can no longer be unwrapped (their Data Protection key " +
        "is missing); those subjects' values cannot be read. Key ids: {KeyIds}")]
    private static partial void LogSubjectKeysUnreadable(ILogger logger, int count, string keyIds);

    [LoggerMessage(EventId = 1142, Level = LogLevel.Error, Message = "DataGuard's background check of subject keys failed")]
    private static partial void LogSubjectKeysFailed(ILogger logger, Exception exception);
}
