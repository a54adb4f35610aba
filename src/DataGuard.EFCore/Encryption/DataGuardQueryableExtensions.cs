using System.Linq.Expressions;
using DataGuard.EFCore.Encryption;
using DataGuard.EFCore.Infrastructure;
using DataGuard.Encryption;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

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
    /// <exception cref="DataGuard.Tenants.TenantRequiredException">The entity has a tenant column (<see cref="TenantIdAttribute"/>)
    /// and no tenant is set; with a tenant, only its rows match.</exception>
    public static IQueryable<TEntity> WhereEncrypted<TEntity>(this DbSet<TEntity> source, Expression<Func<TEntity, string?>> property, string value)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(value);
        return Filter(source, source.GetService<ICurrentDbContext>().Context, property, value);
    }

    /// <summary>
    /// Filters any query of <typeparamref name="TEntity"/> (after <c>Where</c>, <c>Include</c>, <c>IgnoreQueryFilters</c>,
    /// inside a subquery) on equality with <paramref name="value"/> of a <c>[Personal(Searchable = true)]</c> property of
    /// the entity or of an entity reached through reference navigations, for example
    /// <c>orders.WhereEncrypted(o =&gt; o.Customer.Email, value)</c>. The query compares the blind index with a parameter,
    /// as <see cref="WhereEncrypted{TEntity}(DbSet{TEntity}, Expression{Func{TEntity, string}}, string)"/> does.
    /// </summary>
    /// <typeparam name="TEntity">The entity type of the query.</typeparam>
    /// <param name="source">A query of an EF Core context configured with <c>UseDataGuard(sp)</c>.</param>
    /// <param name="property">The searchable property, directly or through reference navigations.</param>
    /// <param name="value">The value to find.</param>
    /// <returns>The filtered query, to compose further.</returns>
    /// <exception cref="InvalidOperationException">The property is not searchable, a step of the path is not a reference
    /// navigation, or the query does not come from an EF Core context.</exception>
    /// <exception cref="DataGuard.Tenants.TenantRequiredException">The entity or the one holding the property has a tenant
    /// column and no tenant is set; with a tenant, only its rows match.</exception>
    public static IQueryable<TEntity> WhereEncrypted<TEntity>(this IQueryable<TEntity> source, Expression<Func<TEntity, string?>> property, string value)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(value);
        return Filter(source, QueryContexts.ContextOf(source), property, value);
    }

    private static IQueryable<TEntity> Filter<TEntity>(IQueryable<TEntity> source, DbContext context, Expression<Func<TEntity, string?>> property, string value)
        where TEntity : class
    {
        var entityType = context.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not an entity type of {context.GetType().Name}.");
        var services = context.GetService<IDbContextOptions>().FindExtension<DataGuardOptionsExtension>()?.ApplicationServices
            ?? throw new InvalidOperationException($"{context.GetType().Name} is not configured for DataGuard: add .UseDataGuard(sp) to its options.");

        // The path: x => x.Nav1.Nav2.Property, each step a reference navigation (or owned reference) of the one before.
        var body = StripConvert(property.Body);
        if (body is not MemberExpression { Member: var member } last)
        {
            throw new InvalidOperationException("WhereEncrypted needs a property, or a property reached through reference navigations, such as c => c.Email " +
                $"or o => o.Customer.Email; got {property}.");
        }

        var owner = Owner(entityType, property, last);

        // In a database tenants share, the current tenant's rows only, whatever query filters the application has. Decided
        // before the blind index is computed, so work without a tenant is refused as such, not by a missing platform key.
        var tenantOfEntity = TenantScoping.Predicate(context, entityType, property.Parameters[0]);
        var tenantOfOwner = owner != entityType ? TenantScoping.Predicate(context, owner, StripConvert(last.Expression)!) : null;
        var binding = BlindIndexBinding.For(owner, new DataGuardApplicationServices(services).Encryptor).FirstOrDefault(b => b.Source.Name == member.Name)
            ?? throw new InvalidOperationException($"{owner.DisplayName()}.{member.Name} is not searchable: mark it [Personal(Searchable = true)].");

        // Rows indexed under rule 1 (before the rule version was stored) are matched by their rule-1 value too, so search
        // does not silently miss them before the rebuild job (IBlindIndexRebuilder) has replaced their indexes.
        var hash = new HashHolder(binding.Column.Compute(value), binding.Column.ComputeLegacy(value));
        var column = Expression.Call(
            typeof(EF), nameof(EF.Property), [typeof(byte[])], StripConvert(last.Expression)!, Expression.Constant(binding.Index.Name));
        var current = Expression.Property(Expression.Constant(hash), nameof(HashHolder.Hash)); // a closure field becomes a SQL parameter
        var legacy = Expression.Property(Expression.Constant(hash), nameof(HashHolder.Legacy));
        Expression match = Expression.OrElse(Expression.Equal(column, current), Expression.Equal(column, legacy));

        match = DataGuard.EFCore.Retention.EfExpressions.And(match, tenantOfEntity)!;
        match = DataGuard.EFCore.Retention.EfExpressions.And(match, tenantOfOwner)!;

        return source.Where(Expression.Lambda<Func<TEntity, bool>>(match, property.Parameters));
    }

    /// <summary>The entity type that declares the searched property: the entity itself, or the end of the path of
    /// reference navigations (x => x.Nav1.Nav2.Property).</summary>
    private static IEntityType Owner<TEntity>(IEntityType entityType, Expression<Func<TEntity, string?>> property, MemberExpression last)
    {
        var steps = new Stack<string>();
        for (var step = StripConvert(last.Expression); step != property.Parameters[0]; step = StripConvert(((MemberExpression)step!).Expression))
        {
            if (step is not MemberExpression navigation)
            {
                throw new InvalidOperationException($"WhereEncrypted needs a property, or a property reached through reference navigations; {property} has " +
                    "another expression in its path.");
            }

            steps.Push(navigation.Member.Name);
        }

        var owner = entityType;
        foreach (var step in steps)
        {
            var navigation = owner.FindNavigation(step);
            if (navigation is null || navigation.IsCollection)
            {
                throw new InvalidOperationException($"{owner.DisplayName()}.{step} is not a reference navigation: WhereEncrypted follows reference " +
                    "navigations only; for a collection, query its entity type and join or filter on the key.");
            }

            owner = navigation.TargetEntityType;
        }

        return owner;
    }

    private static Expression? StripConvert(Expression? expression)
        => expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked or ExpressionType.TypeAs } convert
            ? StripConvert(convert.Operand)
            : expression;

    private sealed class HashHolder(byte[] hash, byte[] legacy)
    {
        public byte[] Hash { get; } = hash;

        public byte[] Legacy { get; } = legacy;
    }
}
