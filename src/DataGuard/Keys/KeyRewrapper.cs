using System.Security.Cryptography;
using DataGuard.Audit;
using DataGuard.Diagnostics;
using DataGuard.Tenants.Keys;
using Microsoft.Extensions.Logging;

namespace DataGuard.Keys;

/// <summary>Wraps keys again under the current key-encryption key when an older one wrapped them
/// (<see cref="IKeyManager.RewrapAsync"/>): each key is replaced on its own, only if unchanged meanwhile, so a run that
/// stops is resumed by the next one. In a tenant's scope it re-wraps that tenant's keys only: first its key-encryption key
/// under the tenant's wrapper (a customer's rotated key), then its keys under its newest key-encryption key.</summary>
internal sealed class KeyRewrapper(KeyRingContext context, IAuditTrail audit, ILogger logger, TenantKeyEncryptionKeys? tenantKeys = null)
{
    /// <summary>Subject keys are re-wrapped a window of ids at a time.</summary>
    private const int RewrapWindow = 1_000;

    /// <summary>Unwraps every key with material and wraps again, under the current key-encryption key, those the wrapper
    /// says are not under it.</summary>
    public async Task<KeyRewrapResult> RewrapAsync(bool ringKeys, bool subjectKeys, CancellationToken cancellationToken)
    {
        using var activity = Diagnostics.DataGuardActivitySource.Start(Diagnostics.DataGuardActivitySource.KeyRewrap);
        var state = new RewrapState(context.Store as IWrappedKeyStore);
        if (ringKeys && context.Tenant is { } tenant && tenantKeys is not null)
        {
            var outer = tenantKeys.OuterWrapperFor(tenant);
            foreach (var key in await tenantKeys.ReadAsync(tenant, cancellationToken).ConfigureAwait(false))
            {
                await RewrapOneAsync(key, outer, state, cancellationToken).ConfigureAwait(false);
            }
        }

        if (ringKeys)
        {
            foreach (var key in await context.ReadRingAsync(cancellationToken).ConfigureAwait(false))
            {
                await RewrapOneAsync(key, context.Wrapper, state, cancellationToken).ConfigureAwait(false);
            }
        }

        if (subjectKeys && context.Store is ISubjectKeyStore subjectStore && state.Replacer is { } replacer)
        {
            var last = await replacer.GetLastKeyIdAsync(cancellationToken).ConfigureAwait(false);
            for (var first = 1; first <= last; first += RewrapWindow)
            {
                var window = await subjectStore.GetSubjectKeysAsync(first, Math.Min(last, first + RewrapWindow - 1), cancellationToken).ConfigureAwait(false);
                foreach (var key in window.Where(context.Owns).OrderBy(static k => k.Id))
                {
                    await RewrapOneAsync(key, context.Wrapper, state, cancellationToken).ConfigureAwait(false);
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

    private async Task RewrapOneAsync(DataKeyRecord key, IKeyWrapper wrapper, RewrapState state, CancellationToken cancellationToken)
    {
        if (key.WrappedKey is not { } wrapped)
        {
            return;
        }

        byte[] material;
        bool needsRewrap;
        try
        {
            material = Unwrap(wrapper, wrapped, out needsRewrap);
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
                && await state.Replacer.ReplaceWrappedKeyAsync(key.Id, wrapped, wrapper.Wrap(material), cancellationToken).ConfigureAwait(false))
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

    private static byte[] Unwrap(IKeyWrapper wrapper, byte[] wrapped, out bool needsRewrap)
    {
        if (wrapper is IVersionedKeyWrapper versioned)
        {
            return versioned.Unwrap(wrapped, out needsRewrap);
        }

        needsRewrap = false;
        return wrapper.Unwrap(wrapped);
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
