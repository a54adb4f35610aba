using System.Linq.Expressions;
using System.Reflection;
using DataGuard.EFCore.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Retention;

/// <summary>The expression pieces that retention's and erasure's model-driven queries are built from: a column read
/// through <c>EF.Property</c>, every row of an entity type with the application's query filters off, null-tolerant
/// conjunctions, and a count over a query of a type known only at run time.</summary>
internal static class EfExpressions
{
    private static readonly MethodInfo EfProperty = typeof(EF).GetMethod(nameof(EF.Property))!;
    private static readonly MethodInfo SetMethod = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;
    private static readonly MethodInfo IgnoreFiltersMethod = typeof(EntityFrameworkQueryableExtensions).GetMethod(
        nameof(EntityFrameworkQueryableExtensions.IgnoreQueryFilters), [typeof(IQueryable<>).MakeGenericType(Type.MakeGenericMethodParameter(0))])!;
    private static readonly MethodInfo CountMethod = typeof(EfExpressions).GetMethod(nameof(LongCountAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary><c>EF.Property&lt;<paramref name="type"/>&gt;(row, name)</c>.</summary>
    public static MethodCallExpression Property(Expression row, Type type, string name)
        => Expression.Call(EfProperty.MakeGenericMethod(type), row, Expression.Constant(name));

    /// <summary>Every row of <paramref name="type"/> of the current tenant, query filters off (named ones too): DataGuard's
    /// queries see all of the tenant's rows (<see cref="TenantScoping"/>).</summary>
    public static IQueryable Rows(DbContext context, IEntityType type)
    {
        var set = (IQueryable)SetMethod.MakeGenericMethod(type.ClrType).Invoke(context, null)!;
        return TenantScoping.Scope(context, type, (IQueryable)IgnoreFiltersMethod.MakeGenericMethod(type.ClrType).Invoke(null, [set])!);
    }

    /// <summary>Counts the rows of a query over <paramref name="type"/>.</summary>
    public static Task<long> CountAsync(IQueryable rows, IEntityType type, CancellationToken cancellationToken)
        => (Task<long>)CountMethod.MakeGenericMethod(type.ClrType).Invoke(null, [rows, cancellationToken])!;

    /// <summary><c>left &amp;&amp; right</c>, where a null side is no condition.</summary>
    public static Expression? And(Expression? left, Expression? right)
        => left is null ? right : right is null ? left : Expression.AndAlso(left, right);

    /// <summary><c>left || right</c>, where a null side is no alternative.</summary>
    public static Expression? Or(Expression? left, Expression? right)
        => left is null ? right : right is null ? left : Expression.OrElse(left, right);

    private static Task<long> LongCountAsync<T>(IQueryable rows, CancellationToken cancellationToken)
        => ((IQueryable<T>)rows).LongCountAsync(cancellationToken);
}
