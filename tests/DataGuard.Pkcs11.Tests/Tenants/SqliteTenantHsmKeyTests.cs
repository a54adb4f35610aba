using DataGuard.Pkcs11.Tests.Testing;
using DataGuard.Testing;

namespace DataGuard.Pkcs11.Tests.Tenants;

/// <summary>Tenant keys on SoftHSM2 tokens, tenants sharing one SQLite database (<see cref="TenantHsmKeyScenarios"/>).</summary>
public sealed class SqliteTenantHsmKeyTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [SoftHsmFact]
    public Task Each_tenant_reads_its_values_through_its_own_key_wrapper_after_a_restart() => Scenarios().EachTenantReadsThroughItsOwnWrapperAsync();

    [SoftHsmFact]
    public Task Rotating_a_tenants_data_key_and_HSM_key_keeps_old_and_new_values_readable() => Scenarios().RotatingAcmesKeysKeepsOldAndNewValuesReadableAsync();

    [SoftHsmFact]
    public Task Rotating_a_tenants_own_key_encryption_key_keeps_its_values_readable() => Scenarios().RotatingAcmesKeyEncryptionKeyKeepsItsValuesReadableAsync();

    [SoftHsmFact]
    public Task Revoking_a_tenants_HSM_key_makes_only_that_tenant_unreadable() => Scenarios().RevokingAcmesKeyLeavesOnlyAcmeUnreadableAsync();

    private TenantHsmKeyScenarios Scenarios() => new(new TenantDatabase($"Data Source={_folder.File("shared.db")};Pooling=False", Postgres: false));
}
