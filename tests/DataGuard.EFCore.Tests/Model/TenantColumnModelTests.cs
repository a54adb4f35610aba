using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Model;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Model;

public sealed class TenantColumnModelTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Two_tenant_columns_on_one_entity_fail_when_the_model_is_built()
    {
        using var db = TestContexts.Sqlite<TwoTenantColumnsContext>(_folder);

        var ex = Assert.Throws<DataGuardModelException>(() => db.Model);

        Assert.Equal(["TwoTenantColumns: has 2 [TenantId] properties (A, B); an entity has one tenant column."], ex.Errors);
    }

    [Fact]
    public void A_tenant_column_that_is_not_a_string_fails_when_the_model_is_built()
    {
        using var db = TestContexts.Sqlite<NumericTenantColumnContext>(_folder);

        var ex = Assert.Throws<DataGuardModelException>(() => db.Model);

        Assert.Equal(["NumericTenantColumn.Tenant: is the tenant column, which must be a string (a tenant id), not Int32."], ex.Errors);
    }

    [Fact]
    public void HasTenant_declares_the_tenant_column_as_a_64_character_concurrency_token()
    {
        using var db = TestContexts.Sqlite<FluentTenantContext>(_folder);

        var property = db.Model.FindEntityType(typeof(FluentTenantRow))!.FindProperty(nameof(FluentTenantRow.Owner))!;

        Assert.Equal((64, true), (property.GetMaxLength(), property.IsConcurrencyToken));
    }

    [Fact]
    public void HasTenant_refuses_an_expression_that_is_not_a_property()
    {
        var builder = new ModelBuilder();

        Assert.Throws<ArgumentException>(() => builder.Entity<FluentTenantRow>().HasTenant(r => r.Owner.ToUpperInvariant()));
    }
}
