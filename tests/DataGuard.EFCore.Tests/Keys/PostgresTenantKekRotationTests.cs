using DataGuard.Testing;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>Rotation of a tenant's own key-encryption key on PostgreSQL (<see cref="TenantKekRotationScenarios"/>).</summary>
public sealed class PostgresTenantKekRotationTests
{
    private readonly TenantKekRotationScenarios _scenarios = new(() => PostgresTestDatabase.ForNewDatabase("kekrot"), postgres: true);

    [PostgresFact]
    public Task Values_written_before_a_tenant_kek_rotation_read_after_it_in_this_and_a_fresh_instance()
        => _scenarios.ValuesWrittenBeforeRotationReadAfterItAsync();

    [PostgresFact]
    public Task A_tenant_kek_rotation_rewraps_every_key_of_the_tenant_and_removes_the_previous_kek()
        => _scenarios.EveryKeyIsRewrappedAndThePreviousKekIsGoneAsync();

    [PostgresFact]
    public Task A_tenant_kek_rotation_leaves_other_tenants_and_platform_keys_byte_for_byte()
        => _scenarios.OtherTenantsKeysStayByteForByteAsync();

    [PostgresFact]
    public Task Another_instance_wraps_new_keys_under_the_new_kek_after_the_refresh_interval()
        => _scenarios.AnotherInstanceWrapsUnderTheNewKekAfterTheRefreshIntervalAsync();

    [PostgresFact]
    public Task Shredding_after_a_tenant_kek_rotation_leaves_the_tenant_unreadable()
        => _scenarios.ShreddingAfterRotationLeavesTheTenantUnreadableAsync();
}
