using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.Sample.Tenants;

/// <summary>The platform's one database, shared by every tenant. The query filter scopes the application's own queries
/// to the current tenant; DataGuard scopes its own (export, erasure, search, retention) whatever the filters say.</summary>
public class NewsletterDb(DbContextOptions<NewsletterDb> options, ITenantContext tenants) : DbContext(options)
{
    private readonly string? _tenant = tenants.Current;

    public DbSet<Subscriber> Subscribers => Set<Subscriber>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<Subscriber>().HasQueryFilter(s => s.TenantId == _tenant);
}
