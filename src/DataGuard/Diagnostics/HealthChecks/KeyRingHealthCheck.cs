using System.Security.Cryptography;
using DataGuard.Keys;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DataGuard.Diagnostics.HealthChecks;

/// <summary>
/// Unwraps every ring key (data and blind-index keys) that decrypts: Unhealthy when an active or decrypt-only key no
/// longer unwraps (its values cannot be read: the key-encryption key is missing), Degraded when only a retired key does
/// not (values in restored backups could not be read), Unhealthy when the key store cannot be read. Names key ids, never
/// key material.
/// </summary>
internal sealed class KeyRingHealthCheck(IKeyStore? store, IKeyWrapper wrapper) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (store is null)
        {
            return HealthCheckResult.Healthy("No key store is registered: DataGuard encrypts nothing here.");
        }

        var keys = await store.GetAllAsync(cancellationToken).ConfigureAwait(false);
        var unreadable = new List<int>();
        var unreadableRetired = new List<int>();
        var checkedKeys = 0;
        foreach (var key in keys)
        {
            // The platform's ring: tenants' keys are wrapped by their own key-encryption keys, checked in their scope.
            if (key.Kind is DataKeyKind.Subject or DataKeyKind.TenantKey
                || key.TenantId is not null
                || key.WrappedKey is null
                || key.Status is DataKeyStatus.Shredded or DataKeyStatus.Destroyed)
            {
                continue;
            }

            checkedKeys++;
            try
            {
                CryptographicOperations.ZeroMemory(wrapper.Unwrap(key.WrappedKey));
            }
            catch (CryptographicException)
            {
                (key.Status == DataKeyStatus.Retired ? unreadableRetired : unreadable).Add(key.Id);
            }
        }

        var data = new Dictionary<string, object> { ["keys"] = checkedKeys, ["unreadable"] = unreadable.Count + unreadableRetired.Count };
        if (unreadable.Count > 0)
        {
            return new HealthCheckResult(
                context.Registration.FailureStatus,
                $"DataGuard keys {string.Join(", ", unreadable)} no longer unwrap: the key-encryption key (Data Protection key) that wrapped them is " +
                "missing, so values encrypted with them cannot be read. Restore the key ring (docs/backup-and-recovery.md).",
                data: data);
        }

        return unreadableRetired.Count > 0
            ? HealthCheckResult.Degraded($"Retired DataGuard keys {string.Join(", ", unreadableRetired)} no longer unwrap: values on them in restored " +
                "backups cannot be read.", data: data)
            : HealthCheckResult.Healthy($"{checkedKeys} DataGuard keys unwrap.", data);
    }
}
