using DataGuard.Model;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

public class TwoTenantColumns
{
    public int Id { get; set; }
    [TenantId] public string? A { get; set; }
    [TenantId] public string? B { get; set; }
}

public class NumericTenantColumn
{
    public int Id { get; set; }
    [TenantId] public int Tenant { get; set; }
}

public class FluentTenantRow
{
    public int Id { get; set; }
    public string Owner { get; set; } = "";
    [Personal] public string Text { get; set; } = "";
}

public class TwoTenantColumnsContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<TwoTenantColumns> Rows => Set<TwoTenantColumns>();
}

public class NumericTenantColumnContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<NumericTenantColumn> Rows => Set<NumericTenantColumn>();
}

public class FluentTenantContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<FluentTenantRow> Rows => Set<FluentTenantRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<FluentTenantRow>().HasTenant(r => r.Owner);
}
