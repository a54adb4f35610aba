using System.Security.Cryptography;
using DataGuard.Audit;
using DataGuard.Diagnostics;
using Microsoft.Extensions.Logging;

namespace DataGuard.Keys;

/// <summary>Wraps keys again under the current key-encryption key when an older one wrapped them
/// (<see cref="IKeyManager.RewrapAsync"/>): each key is replaced on its own, only if unchanged meanwhile, so a run that
/// stops is resumed by the next one.</summary>
internal sealed class KeyRewrapper(KeyRingContext context, IAuditTrail audit, ILogger logger)
{
    /// <summary>Subject keys are re-wrapped a window of ids at a time.</summary>
    private const int RewrapWindow = 1_000;

    /// <summary>Unwraps every key with material and wraps again, under the current key-encryption key, those the wrapper
    /// says are not under it.</summary>
    public async Task<KeyRewrapResult> RewrapAsync(bool ringKeys, bool subjectKeys, CancellationToken cancellationToken)
    {
        using var activity = Diagnostics.DataGuardActivitySource.Start(Diagnostics.DataGuardActivitySource.KeyRewrap);
        var state = new RewrapState(context.Store as IWrappedKeyStore);
        if (ringKeys)
        {
            foreach (var key in await context.Store.GetAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await RewrapOneAsync(key, state, cancellationToken).ConfigureAwait(false);
            }
        }

        if (subjectKeys && context.Store is ISubjectKeyStore subjectStore && state.Replacer is { } replacer)
        {
            var last = await replacer.GetLastKeyIdAsync(cancellationToken).ConfigureAwait(false);
            for (var first = 1; first <= last; first += RewrapWindow)
            {
                var window = await subjectStore.GetSubjectKeysAsync(first, Math.Min(last, first + RewrapWindow - 1), cancellationToken).ConfigureAwait(false);
                foreach (var key in window.OrderBy(static k => k.Id))
                {
                    await RewrapOneAsync(key, state, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        var result = new KeyRewrapResult(state.Checked, state.Rewrapped, state.Unreadable);
        if (result.KeysRewrapped > 0 || result.UnreadableKeyIds.Count > 0)
        {
            var details = $"{result.KeysRewrapped} of {result.KeysChecked} keys re-wrapped under the current key-encryption key"
                + (result.UnreadableKeyIds.Count > 0 ? $"; keys that cannot be unwrapped: {string.Join(", ", result.UnreadableKeyIds)}" : "");
            await audit.RecordAsync(new AuditEvent(AuditActions.KeysRewrapped) { Details = details }, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task RewrapOneAsync(DataKeyRecord key, RewrapState state, CancellationToken cancellationToken)
    {
        if (key.WrappedKey is not { } wrapped)
        {
            return;
        }

        byte[] material;
        bool needsRewrap;
        try
        {
            material = Unwrap(wrapped, out needsRewrap);
        }
        catch (CryptographicException ex)
        {
            KeysLog.LogUnreadable(logger, key.Kind, key.Id, ex);
            state.Unreadable.Add(key.Id);
            return;
        }

        try
        {
            state.Checked++;
            if (needsRewrap && state.Replacer is not null
                && await state.Replacer.ReplaceWrappedKeyAsync(key.Id, wrapped, context.Wrapper.Wrap(material), cancellationToken).ConfigureAwait(false))
            {
                state.Rewrapped++;
                KeysLog.LogRewrapped(logger, key.Kind, key.Id);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    private byte[] Unwrap(byte[] wrapped, out bool needsRewrap)
    {
        if (context.Wrapper is IVersionedKeyWrapper versioned)
        {
            return versioned.Unwrap(wrapped, out needsRewrap);
        }

        needsRewrap = false;
        return context.Wrapper.Unwrap(wrapped);
    }

    private sealed class RewrapState(IWrappedKeyStore? replacer)
    {
        /// <summary>The store's way to replace a wrapped key; without it keys are checked, not re-wrapped.</summary>
        public IWrappedKeyStore? Replacer => replacer;

        public int Checked { get; set; }

        public int Rewrapped { get; set; }

        public List<int> Unreadable { get; } = [];
    }
}
