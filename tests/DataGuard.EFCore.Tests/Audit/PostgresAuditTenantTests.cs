using DataGuard.Testing;

namespace DataGuard.EFCore.Tests.Audit;

/// <summary>The tenant chains on PostgreSQL, one database for the class; every scenario uses tenants of its own.</summary>
public sealed class PostgresAuditTenantTests() : PostgresAuditHostTests("audit_tenants")
{
    [PostgresFact]
    public Task Each_tenant_has_a_chain_of_its_own_and_platform_entries_keep_the_platform_chain()
        => AuditTenantScenarios.Each_tenant_has_a_chain_of_its_own_and_platform_entries_keep_the_platform_chain(Host);

    [PostgresFact]
    public Task Tampering_with_one_tenants_chain_breaks_only_that_chain() => AuditTenantScenarios.Tampering_with_one_tenants_chain_breaks_only_that_chain(Host);

    [PostgresFact]
    public Task A_chain_moved_to_another_tenant_does_not_verify_there() => AuditTenantScenarios.A_chain_moved_to_another_tenant_does_not_verify_there(Host);
}
