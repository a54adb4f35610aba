using DataGuard.EFCore.Model;
using DataGuard.Retention;
using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Retention;

/// <summary>
/// The tenants the retention job runs for. The source that cannot miss a tenant with data is the data itself: with one
/// shared database, every distinct tenant id in the tables of entities with a retention policy and a tenant column (a
/// tenant that has no row there has nothing to retain). To those it adds the tenants of <c>Residency.Tenants</c> and of
/// the application's <see cref="ITenantDirectory"/>, the only source when each tenant has a database of its own (the
/// store context then needs a tenant to be resolved, and no table lists the tenants). An application with neither tenant
/// columns nor a directory has no tenants: <see langword="null"/>, one run at platform level as before.
/// </summary>
internal sealed class EntityFrameworkRetentionTenants<TContext>(
    IServiceScopeFactory scopes,
    IOptionsMonitor<DataGuardOptions> options,
    ITenantDirectory? directory = null) : IRetentionTenantSource
    where TContext : DbContext
{
    public async Task<IReadOnlyCollection<string>?> TenantsAsync(CancellationToken cancellationToken)
    {
        var configured = options.CurrentValue.Residency.Tenants.Keys;
        HashSet<string>? found;
        try
        {
            found = await InTablesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TenantRequiredException ex) when (directory is null && configured.Count == 0)
        {
            throw new DataGuardException("The retention job runs outside any tenant's scope, and the store context " +
                $"{typeof(TContext).Name} cannot be created without a tenant (a database per tenant): register an " +
                "ITenantDirectory that lists the tenants, so that the job runs retention inside each tenant's scope.", ex);
        }
        catch (TenantRequiredException)
        {
            found = []; // a database per tenant: the directory and the configured tenants say which
        }

        if (found is null && directory is null)
        {
            return null;
        }

        var tenants = new SortedSet<string>(StringComparer.Ordinal);
        tenants.UnionWith(found ?? []);
        tenants.UnionWith(configured);
        if (directory is not null)
        {
            tenants.UnionWith(await directory.ActiveTenantsAsync(cancellationToken).ConfigureAwait(false) ?? []);
        }

        return tenants;
    }

    /// <summary>The distinct tenant ids in the tables of entities with a retention policy and a tenant column;
    /// <see langword="null"/> when the model has no tenant column.</summary>
    /// <exception cref="TenantRequiredException">The context cannot be created without a tenant.</exception>
    private async Task<HashSet<string>?> InTablesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        if (!TenantColumn.Any(context.Model))
        {
            return null;
        }

        var sql = context.GetService<ISqlGenerationHelper>();
        var value = sql.DelimitIdentifier("Value");
        var tenants = new HashSet<string>(StringComparer.Ordinal);
        var tables = new HashSet<StoreObjectIdentifier>();
        foreach (var entityType in RetentionTarget.For(context.Model).Select(static t => t.EntityType))
        {
            if (TenantColumn.Find(entityType) is not { } property
                || StoreObjectIdentifier.Create(entityType, StoreObjectType.Table) is not { } table
                || !tables.Add(table)
                || property.GetColumnName(table) is not { } name)
            {
                continue;
            }

            // Plain SQL: no query filter of the application hides a tenant's rows from the job.
            var column = sql.DelimitIdentifier(name);
            var query = $"SELECT DISTINCT {column} AS {value} FROM {sql.DelimitIdentifier(table.Name, table.Schema)} WHERE {column} IS NOT NULL";
            tenants.UnionWith(await context.Database.SqlQueryRaw<string>(query).ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        return tenants;
    }
}
