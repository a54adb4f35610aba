using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Retention;

/// <summary>Queries along a foreign key, built from the model at run time: the dependents of a set of principals, and
/// "some dependent (principal) of this row matches" conditions; every one with the application's query filters off.</summary>
internal static class ForeignKeyQueries
{
    /// <summary>Whether retention and erasure follow the foreign key: not an ownership (owned types travel with their
    /// owner's row), not a self-reference (a row set may hold both ends; one statement deletes them together), and its
    /// dependent is an entity type of its own with a key.</summary>
    public static bool Followed(IReadOnlyForeignKey fk)
        => !fk.IsOwnership
            && fk.DeclaringEntityType != fk.PrincipalEntityType
            && !fk.DeclaringEntityType.IsOwned()
            && fk.DeclaringEntityType.FindPrimaryKey() is not null;

    /// <summary>The dependents of <paramref name="fk"/> that refer to one of <paramref name="principals"/> and that
    /// <paramref name="also"/> (when given and not null) selects.</summary>
    public static IQueryable Referencing(DbContext context, IQueryable principals, IForeignKey fk, Func<Expression, Expression?>? also)
    {
        var dependentType = fk.DeclaringEntityType;
        var set = EfExpressions.Rows(context, dependentType);
        var dependent = Expression.Parameter(dependentType.ClrType, "d");
        var principal = Expression.Parameter(principals.ElementType, "p");
        var any = Expression.Call(
            typeof(Queryable),
            nameof(Queryable.Any),
            [principals.ElementType],
            principals.Expression,
            Expression.Quote(Expression.Lambda(Match(fk, principal, dependent), principal)));
        var body = EfExpressions.And(also?.Invoke(dependent), any)!;
        var where = Expression.Call(
            typeof(Queryable), nameof(Queryable.Where), [dependentType.ClrType], set.Expression, Expression.Quote(Expression.Lambda(body, dependent)));
        return set.Provider.CreateQuery(where);
    }

    /// <summary><c>dependents.Any(d =&gt; d refers to principal &amp;&amp; inner(d))</c>; null when
    /// <paramref name="inner"/> gives no condition.</summary>
    public static MethodCallExpression? AnyDependent(DbContext context, IForeignKey fk, Expression principal, Func<Expression, Expression?> inner)
    {
        var dependent = Expression.Parameter(fk.DeclaringEntityType.ClrType, "d" + fk.DeclaringEntityType.ClrType.Name);
        return inner(dependent) is { } condition
            ? Any(context, fk.DeclaringEntityType, dependent, Expression.AndAlso(Match(fk, principal, dependent), condition))
            : null;
    }

    /// <summary><c>principals.Any(p =&gt; dependent refers to p &amp;&amp; inner(p))</c>; null when
    /// <paramref name="inner"/> gives no condition.</summary>
    public static MethodCallExpression? AnyPrincipal(DbContext context, IForeignKey fk, Expression dependent, Func<Expression, Expression?> inner)
    {
        var principal = Expression.Parameter(fk.PrincipalEntityType.ClrType, "p" + fk.PrincipalEntityType.ClrType.Name);
        return inner(principal) is { } condition
            ? Any(context, fk.PrincipalEntityType, principal, Expression.AndAlso(Match(fk, principal, dependent), condition))
            : null;
    }

    private static MethodCallExpression Any(DbContext context, IEntityType type, ParameterExpression row, Expression condition)
    {
        var set = EfExpressions.Rows(context, type);
        return Expression.Call(typeof(Queryable), nameof(Queryable.Any), [type.ClrType], set.Expression, Expression.Quote(Expression.Lambda(condition, row)));
    }

    /// <summary><c>dependent.Fk == principal.Key</c>, column by column, compared as nullable values.</summary>
    private static Expression Match(IForeignKey fk, Expression principal, Expression dependent)
    {
        Expression? match = null;
        for (var i = 0; i < fk.Properties.Count; i++)
        {
            var key = fk.PrincipalKey.Properties[i];
            var column = fk.Properties[i];
            var type = key.ClrType.IsValueType ? typeof(Nullable<>).MakeGenericType(Nullable.GetUnderlyingType(key.ClrType) ?? key.ClrType) : key.ClrType;
            var equal = Expression.Equal(
                Expression.Convert(EfExpressions.Property(dependent, column.ClrType, column.Name), type),
                Expression.Convert(EfExpressions.Property(principal, key.ClrType, key.Name), type));
            match = match is null ? equal : Expression.AndAlso(match, equal);
        }

        return match!;
    }
}
