using DataGuard.Pkcs11.Tests.Testing;
using DataGuard.Testing;

namespace DataGuard.Pkcs11.Tests.Tenants;

/// <summary>Tenant keys on SoftHSM2 tokens, tenants sharing one PostgreSQL database (<see cref="TenantHsmKeyScenarios"/>);
/// skipped with the reason without DATAGUARD_TEST_POSTGRES.</summary>
public sealed class PostgresTenantHsmKeyTests
{
    [SoftHsmPostgresFact]
    public Task Each_tenant_reads_its_values_through_its_own_key_wrapper_after_a_restart() => Scenarios().EachTenantReadsThroughItsOwnWrapperAsync();

    [SoftHsmPostgresFact]
    public Task Rotating_a_tenants_data_key_and_HSM_key_keeps_old_and_new_values_readable() => Scenarios().RotatingAcmesKeysKeepsOldAndNewValuesReadableAsync();

    [SoftHsmPostgresFact]
    public Task Rotating_a_tenants_own_key_encryption_key_keeps_its_values_readable() => Scenarios().RotatingAcmesKeyEncryptionKeyKeepsItsValuesReadableAsync();

    [SoftHsmPostgresFact]
    public Task Revoking_a_tenants_HSM_key_makes_only_that_tenant_unreadable() => Scenarios().RevokingAcmesKeyLeavesOnlyAcmeUnreadableAsync();

    private static TenantHsmKeyScenarios Scenarios() => new(new TenantDatabase(PostgresTestDatabase.ForNewDatabase("hsm_tenants"), Postgres: true));
}
