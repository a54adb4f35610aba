using DataGuard.Testing;

namespace DataGuard.EFCore.Tests.Audit;

public sealed class SqliteAuditTenantTests : SqliteAuditHostTests
{
    [Fact]
    public Task Each_tenant_has_a_chain_of_its_own_and_platform_entries_keep_the_platform_chain()
        => AuditTenantScenarios.Each_tenant_has_a_chain_of_its_own_and_platform_entries_keep_the_platform_chain(Host);

    [Fact]
    public Task Tampering_with_one_tenants_chain_breaks_only_that_chain()
        => AuditTenantScenarios.Tampering_with_one_tenants_chain_breaks_only_that_chain(Host);

    [Fact]
    public Task A_chain_moved_to_another_tenant_does_not_verify_there() => AuditTenantScenarios.A_chain_moved_to_another_tenant_does_not_verify_there(Host);
}
