using System.Linq.Expressions;
using DataGuard;
using DataGuard.EntityFrameworkCore.Encryption;
using DataGuard.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Finds rows by the value of an encrypted column, through its blind index.</summary>
public static class DataGuardQueryableExtensions
{
    /// <summary>
    /// Filters on equality with <paramref name="value"/> of a <c>[Personal(Searchable = true)]</c> property. The query
    /// compares the column's blind index (a keyed HMAC of the normalised value) with a parameter: the SQL carries no
    /// plaintext. Normalisation (Unicode NFKC, invisible characters removed, and trimming and case folding as
    /// <see cref="EncryptionOptions"/> say) is versioned: see <see cref="DataGuard.Encryption.IBlindIndexRebuilder"/>.
    /// </summary>
    /// <typeparam name="TEntity">The entity type.</typeparam>
    /// <param name="source">The entity set.</param>
    /// <param name="property">The searchable property, for example <c>c =&gt; c.Email</c>.</param>
    /// <param name="value">The value to find.</param>
    /// <returns>The filtered query, to compose further.</returns>
    /// <exception cref="InvalidOperationException">The property is not searchable.</exception>
    public static IQueryable<TEntity> WhereEncrypted<TEntity>(this DbSet<TEntity> source, Expression<Func<TEntity, string?>> property, string value)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(value);

        var name = DataGuardEntityTypeBuilderExtensions.PropertyName(Expression.Lambda<Func<TEntity, object?>>(Expression.Convert(property.Body, typeof(object)), property.Parameters));
        var context = source.GetService<ICurrentDbContext>().Context;
        var entityType = context.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not an entity type of {context.GetType().Name}.");
        var services = context.GetService<IDbContextOptions>().FindExtension<DataGuardOptionsExtension>()?.ApplicationServices
            ?? throw new InvalidOperationException($"{context.GetType().Name} is not configured for DataGuard: add .UseDataGuard(sp) to its options.");
        var binding = BlindIndexBinding.For(entityType, new DataGuardApplicationServices(services).Encryptor).FirstOrDefault(b => b.Source.Name == name)
            ?? throw new InvalidOperationException($"{entityType.DisplayName()}.{name} is not searchable: mark it [Personal(Searchable = true)].");

        // Rows indexed under rule 1 (before the rule version was stored) are matched by their rule-1 value too, so search
        // does not silently miss them before the rebuild job (IBlindIndexRebuilder) has replaced their indexes.
        var hash = new HashHolder(binding.Column.Compute(value), binding.Column.ComputeLegacy(value));
        var entity = Expression.Parameter(typeof(TEntity), "e");
        var column = Expression.Call(typeof(EF), nameof(EF.Property), [typeof(byte[])], entity, Expression.Constant(binding.Index.Name));
        var current = Expression.Property(Expression.Constant(hash), nameof(HashHolder.Hash)); // a closure field becomes a SQL parameter
        var legacy = Expression.Property(Expression.Constant(hash), nameof(HashHolder.Legacy));
        return source.Where(Expression.Lambda<Func<TEntity, bool>>(Expression.OrElse(Expression.Equal(column, current), Expression.Equal(column, legacy)), entity));
    }

    private sealed class HashHolder(byte[] hash, byte[] legacy)
    {
        public byte[] Hash { get; } = hash;

        public byte[] Legacy { get; } = legacy;
    }
}
