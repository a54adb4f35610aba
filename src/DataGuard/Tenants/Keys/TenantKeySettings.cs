using Microsoft.Extensions.Options;

namespace DataGuard.Tenants.Keys;

/// <summary>The clock and options the tenant key hierarchy reads: one parameter for the two that always travel
/// together (key creation times, the cache's bound).</summary>
/// <param name="Time">The clock for key creation times and the cache's delayed zeroing.</param>
/// <param name="Options">DataGuard's options (<see cref="Encryption.EncryptionOptions.TenantKeyCacheSize"/>).</param>
internal sealed record TenantKeySettings(TimeProvider Time, IOptionsMonitor<DataGuardOptions> Options);
