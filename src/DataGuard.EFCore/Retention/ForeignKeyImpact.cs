using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EntityFrameworkCore.Retention;

/// <summary>
/// What deleting a set of rows would do to the rows that still refer to them, read from the model's foreign keys before
/// anything is deleted: rows the database would delete by cascade (counted, so the report says what the database did),
/// and rows whose foreign key restricts the delete (so the caller keeps or anonymises instead of meeting a raw provider
/// exception). Every query ignores the application's query filters. Cascades are followed to any depth; ownership
/// (owned types travel with their owner's row) and self-references (a row set may contain both ends; the statement
/// deletes them together) are not followed. Set-null foreign keys only clear a column and delete nothing.
/// </summary>
internal static class ForeignKeyImpact
{
    private static readonly MethodInfo SetMethod = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;
    private static readonly MethodInfo IgnoreFiltersMethod = typeof(EntityFrameworkQueryableExtensions).GetMethod(nameof(EntityFrameworkQueryableExtensions.IgnoreQueryFilters), [typeof(IQueryable<>).MakeGenericType(Type.MakeGenericMethodParameter(0))])!;
    private static readonly MethodInfo CountMethod = typeof(ForeignKeyImpact).GetMethod(nameof(CountAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo EfProperty = typeof(EF).GetMethod(nameof(EF.Property))!;

    /// <summary>Follows the foreign keys that refer to <paramref name="entityType"/> from the rows of <paramref name="rows"/>.</summary>
    /// <returns>Per entity type the rows a cascade would delete, and the entity types whose rows restrict the delete.</returns>
    public static async Task<(List<(string Entity, long Rows)> Cascaded, List<string> Restricting)> AnalyzeAsync(DbContext context, IQueryable rows, IEntityType entityType, CancellationToken cancellationToken)
    {
        var cascaded = new List<(string Entity, long Rows)>();
        var restricting = new List<string>();
        await VisitAsync(context, rows, entityType, 0, cascaded, restricting, cancellationToken).ConfigureAwait(false);
        return (cascaded, restricting);
    }

    private static async Task VisitAsync(DbContext context, IQueryable principals, IEntityType principalType, int depth, List<(string, long)> cascaded, List<string> restricting, CancellationToken cancellationToken)
    {
        if (depth > 16)
        {
            return; // a cascade cycle through several entity types: the statement itself is the authority beyond this
        }

        foreach (var fk in principalType.GetReferencingForeignKeys())
        {
            if (fk.IsOwnership || fk.DeclaringEntityType == principalType || fk.DeclaringEntityType.IsOwned() || fk.DeclaringEntityType.FindPrimaryKey() is null)
            {
                continue;
            }

            if (fk.DeleteBehavior == DeleteBehavior.SetNull)
            {
                continue; // the database clears the column; ClientSetNull and ClientCascade leave the database to refuse
            }

            var dependents = Referencing(context, principals, fk);
            var count = await ((Task<long>)CountMethod.MakeGenericMethod(fk.DeclaringEntityType.ClrType).Invoke(null, [dependents, cancellationToken])!).ConfigureAwait(false);
            if (count == 0)
            {
                continue;
            }

            var name = fk.DeclaringEntityType.DisplayName();
            if (fk.DeleteBehavior is DeleteBehavior.Cascade)
            {
                cascaded.Add((name, count));
                await VisitAsync(context, dependents, fk.DeclaringEntityType, depth + 1, cascaded, restricting, cancellationToken).ConfigureAwait(false);
            }
            else if (!restricting.Contains(name, StringComparer.Ordinal))
            {
                restricting.Add(name);
            }
        }
    }

    /// <summary>The dependent rows (query filters off) whose foreign key points to one of <paramref name="principals"/>.</summary>
    private static IQueryable Referencing(DbContext context, IQueryable principals, IForeignKey fk)
    {
        var dependentType = fk.DeclaringEntityType.ClrType;
        var set = (IQueryable)SetMethod.MakeGenericMethod(dependentType).Invoke(context, null)!;
        set = (IQueryable)IgnoreFiltersMethod.MakeGenericMethod(dependentType).Invoke(null, [set])!;

        var dependent = Expression.Parameter(dependentType, "d");
        var principal = Expression.Parameter(principals.ElementType, "p");
        Expression? match = null;
        for (var i = 0; i < fk.Properties.Count; i++)
        {
            var key = fk.PrincipalKey.Properties[i];
            var column = fk.Properties[i];
            var type = key.ClrType.IsValueType ? typeof(Nullable<>).MakeGenericType(Nullable.GetUnderlyingType(key.ClrType) ?? key.ClrType) : key.ClrType;
            var equal = Expression.Equal(
                Expression.Convert(Expression.Call(EfProperty.MakeGenericMethod(key.ClrType), principal, Expression.Constant(key.Name)), type),
                Expression.Convert(Expression.Call(EfProperty.MakeGenericMethod(column.ClrType), dependent, Expression.Constant(column.Name)), type));
            match = match is null ? equal : Expression.AndAlso(match, equal);
        }

        var any = Expression.Call(typeof(Queryable), nameof(Queryable.Any), [principals.ElementType], principals.Expression, Expression.Quote(Expression.Lambda(match!, principal)));
        var where = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [dependentType], set.Expression, Expression.Quote(Expression.Lambda(any, dependent)));
        return set.Provider.CreateQuery(where);
    }

    private static Task<long> CountAsync<T>(IQueryable rows, CancellationToken cancellationToken)
        => ((IQueryable<T>)rows).LongCountAsync(cancellationToken);
}
