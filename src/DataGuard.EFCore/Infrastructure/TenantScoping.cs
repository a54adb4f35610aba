using System.Linq.Expressions;
using DataGuard.EFCore.Model;
using DataGuard.EFCore.Retention;
using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Infrastructure;

/// <summary>
/// Limits DataGuard's own queries over an entity with a tenant column (<see cref="TenantColumn"/>) to the current
/// tenant's rows. The predicate is added explicitly, beside <c>IgnoreQueryFilters</c>: an application's query filter may
/// hide rows or, if wrong, let another tenant's through, and neither may change what DataGuard reads or writes. Without
/// a tenant (platform-level work) such an entity is refused with <see cref="TenantRequiredException"/>; entities
/// without a tenant column are queried as before.
/// </summary>
internal static class TenantScoping
{
    /// <summary>The tenant the context works for (<see cref="ITenantContext.Current"/> of its application), or
    /// <see langword="null"/> for platform-level work.</summary>
    public static string? Current(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.GetService<IDbContextOptions>().FindExtension<DataGuardOptionsExtension>()?.ApplicationServices;
        return services?.GetService<ITenantContext>()?.Current;
    }

    /// <summary>The tenant whose rows of <paramref name="entityType"/> DataGuard may work on, or <see langword="null"/>
    /// when the entity has no tenant column.</summary>
    /// <exception cref="TenantRequiredException">The entity has a tenant column and no tenant is set.</exception>
    public static string? TenantFor(DbContext context, IEntityType entityType)
        => TenantColumn.Find(entityType) is null ? null : Current(context) ?? throw Required(entityType);

    /// <summary>Refuses, before anything is read or written, work over entity types with a tenant column when no tenant is set.</summary>
    /// <exception cref="TenantRequiredException">Some entity type has a tenant column and no tenant is set.</exception>
    public static void Require(DbContext context, IEnumerable<IEntityType> entityTypes)
    {
        ArgumentNullException.ThrowIfNull(entityTypes);
        foreach (var entityType in entityTypes)
        {
            _ = TenantFor(context, entityType);
        }
    }

    /// <summary><c>EF.Property&lt;string&gt;(row, tenant) == @tenant</c> for an entity with a tenant column, else
    /// <see langword="null"/>. The tenant goes in as a parameter: one cached plan for every tenant.</summary>
    /// <exception cref="TenantRequiredException">The entity has a tenant column and no tenant is set.</exception>
    public static Expression? Predicate(DbContext context, IEntityType entityType, Expression row)
    {
        if (TenantFor(context, entityType) is not { } tenant)
        {
            return null;
        }

        var column = EfExpressions.Property(row, typeof(string), TenantColumn.Find(entityType)!.Name);
        var value = Expression.Field(Expression.Constant(new ParameterBox<string>(tenant)), nameof(ParameterBox<>.Value));
        return Expression.Equal(column, value);
    }

    /// <summary><paramref name="rows"/> of the current tenant only (all of them when the entity has no tenant column).</summary>
    public static IQueryable<TEntity> Scope<TEntity>(DbContext context, IEntityType entityType, IQueryable<TEntity> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var row = Expression.Parameter(typeof(TEntity), "t");
        return Predicate(context, entityType, row) is { } predicate ? rows.Where(Expression.Lambda<Func<TEntity, bool>>(predicate, row)) : rows;
    }

    /// <summary>Like <see cref="Scope{TEntity}"/>, for a query whose element type is known only at run time.</summary>
    public static IQueryable Scope(DbContext context, IEntityType entityType, IQueryable rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var row = Expression.Parameter(rows.ElementType, "t");
        if (Predicate(context, entityType, row) is not { } predicate)
        {
            return rows;
        }

        var lambda = Expression.Quote(Expression.Lambda(predicate, row));
        var where = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [rows.ElementType], rows.Expression, lambda);
        return rows.Provider.CreateQuery(where);
    }

    private static TenantRequiredException Required(IEntityType entityType)
        => new($"{EntityTypeSpecReader.DataGuardName(entityType)} has a tenant column ({TenantColumn.Find(entityType)!.Name}), so DataGuard works "
               + "on its rows only inside a tenant's scope, and none is set: run the work per tenant (ITenantContext.Begin), or in a request "
               + "resolved to a tenant (UseTenantResolution).");
}
