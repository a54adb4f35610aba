using DataGuard.Testing;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>Rotation of a tenant's own key-encryption key on SQLite (<see cref="TenantKekRotationScenarios"/>).</summary>
public sealed class SqliteTenantKekRotationTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly TenantKekRotationScenarios _scenarios;

    public SqliteTenantKekRotationTests()
        => _scenarios = new(() => $"Data Source={_folder.File(Guid.NewGuid().ToString("N") + ".db")};Pooling=False", postgres: false);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public Task Values_written_before_a_tenant_kek_rotation_read_after_it_in_this_and_a_fresh_instance()
        => _scenarios.ValuesWrittenBeforeRotationReadAfterItAsync();

    [Fact]
    public Task A_tenant_kek_rotation_rewraps_every_key_of_the_tenant_and_removes_the_previous_kek()
        => _scenarios.EveryKeyIsRewrappedAndThePreviousKekIsGoneAsync();

    [Fact]
    public Task A_tenant_kek_rotation_leaves_other_tenants_and_platform_keys_byte_for_byte()
        => _scenarios.OtherTenantsKeysStayByteForByteAsync();

    [Fact]
    public Task Another_instance_wraps_new_keys_under_the_new_kek_after_the_refresh_interval()
        => _scenarios.AnotherInstanceWrapsUnderTheNewKekAfterTheRefreshIntervalAsync();

    [Fact]
    public Task Shredding_after_a_tenant_kek_rotation_leaves_the_tenant_unreadable()
        => _scenarios.ShreddingAfterRotationLeavesTheTenantUnreadableAsync();

    [Fact]
    public Task A_kek_rotation_at_platform_level_is_refused()
        => _scenarios.RotationAtPlatformLevelIsRefusedAsync();
}
