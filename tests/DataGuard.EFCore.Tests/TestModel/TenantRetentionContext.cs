using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>Tenants in one database, each with rows to delete, anonymise and shred: the tenant retention job's model.</summary>
public class TenantRetentionContext(DbContextOptions<TenantRetentionContext> options) : DbContext(options)
{
    public DbSet<TenantVisit> Visits => Set<TenantVisit>();
    public DbSet<TenantMember> Members => Set<TenantMember>();
    public DbSet<TenantDevice> Devices => Set<TenantDevice>();
}
