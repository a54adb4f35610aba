using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Infrastructure;

/// <summary>Orders a query by an entity's primary key, column by column through <c>EF.Property</c> (so shadow keys
/// work too): batches that resume after the last key and exports that come out in the same order every time.</summary>
internal static class PrimaryKeyOrder
{
    public static IQueryable<TEntity> OrderByKey<TEntity>(IQueryable<TEntity> query, IReadOnlyList<IProperty> key)
    {
        var entity = Expression.Parameter(typeof(TEntity), "e");
        for (var i = 0; i < key.Count; i++)
        {
            var property = key[i];
            var access = Expression.Call(typeof(EF), nameof(EF.Property), [property.ClrType], entity, Expression.Constant(property.Name));
            var ordered = Expression.Call(
                typeof(Queryable),
                i == 0 ? nameof(Queryable.OrderBy) : nameof(Queryable.ThenBy),
                [typeof(TEntity), property.ClrType],
                query.Expression,
                Expression.Quote(Expression.Lambda(access, entity)));
            query = query.Provider.CreateQuery<TEntity>(ordered);
        }

        return query;
    }
}
