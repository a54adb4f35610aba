using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Audit;

/// <summary>Reads, for a batch of principal keys, the subject at the end of the rest of a subject path: one
/// <c>SELECT key, subject … WHERE key IN (…)</c> per batch, the path's navigations joined by EF Core. Query filters are
/// ignored: a soft-deleted principal still has a subject.</summary>
internal abstract class AuditSubjectPathLookup
{
    /// <summary>Keys per statement; well under every provider's parameter limit.</summary>
    protected const int BatchSize = 500;

    public static AuditSubjectPathLookup Create(IKey principalKey, IReadOnlyList<string> navigations, IProperty subject)
        => (AuditSubjectPathLookup)Activator.CreateInstance(
            typeof(AuditSubjectPathLookup<>).MakeGenericType(principalKey.DeclaringEntityType.ClrType),
            principalKey,
            navigations,
            subject)!;

    /// <summary>The subject (canonical text, or null) of each key found.</summary>
    public abstract ValueTask<Dictionary<object, string?>> LookupAsync(
        DbContext context,
        IReadOnlyList<object> keys,
        AuditDbCalls calls,
        CancellationToken cancellationToken);
}

/// <inheritdoc />
internal sealed class AuditSubjectPathLookup<TEntity> : AuditSubjectPathLookup
    where TEntity : class
{
    private static readonly MethodInfo EfProperty = typeof(EF).GetMethod(nameof(EF.Property))!;
    private static readonly MethodInfo Contains = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2);

    private readonly IReadOnlyList<IProperty> _key;
    private readonly ParameterExpression _entity = Expression.Parameter(typeof(TEntity), "e");
    private readonly Expression<Func<TEntity, object?[]>> _projection;

    public AuditSubjectPathLookup(IKey principalKey, IReadOnlyList<string> navigations, IProperty subject)
    {
        _key = principalKey.Properties;
        Expression access = _entity;
        var current = principalKey.DeclaringEntityType;
        foreach (var name in navigations)
        {
            var navigation = current.FindNavigation(name)!;
            access = Property(access, navigation.ClrType, name);
            current = navigation.TargetEntityType;
        }

        var columns = _key.Select(p => Property(_entity, p.ClrType, p.Name)).Append(Property(access, subject.ClrType, subject.Name));
        _projection = Expression.Lambda<Func<TEntity, object?[]>>(
            Expression.NewArrayInit(typeof(object), columns.Select(c => Expression.Convert(c, typeof(object)))), _entity);
    }

    public override async ValueTask<Dictionary<object, string?>> LookupAsync(
        DbContext context,
        IReadOnlyList<object> keys,
        AuditDbCalls calls,
        CancellationToken cancellationToken)
    {
        var found = new Dictionary<object, string?>();
        for (var start = 0; start < keys.Count; start += BatchSize)
        {
            var batch = keys.Skip(start).Take(BatchSize).ToList();
            var query = context.Set<TEntity>().IgnoreQueryFilters().AsNoTracking().Where(Filter(batch)).Select(_projection);
            var rows = await calls.ToListAsync(query, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                var key = _key.Count == 1 ? row[0]! : new CompositeKey(row[..^1]!);
                found[key] = row[^1] is { } subject ? SubjectId.From(subject).Value : null;
            }
        }

        return found;
    }

    /// <summary><c>e =&gt; keys.Contains(e.Key)</c> with the keys as one parameter, or for a composite key an OR of
    /// equalities, each value a parameter.</summary>
    private Expression<Func<TEntity, bool>> Filter(List<object> keys)
    {
        Expression body;
        if (_key.Count == 1)
        {
            var type = _key[0].ClrType;
            var values = Array.CreateInstance(type, keys.Count);
            for (var i = 0; i < keys.Count; i++)
            {
                values.SetValue(keys[i], i);
            }

            body = Expression.Call(Contains.MakeGenericMethod(type), Box(values.GetType(), values), Property(_entity, type, _key[0].Name));
        }
        else
        {
            body = keys.Cast<CompositeKey>()
                .Select(k => _key.Select((p, i) => (Expression)Expression.Equal(Property(_entity, p.ClrType, p.Name), Box(p.ClrType, k.Values[i])))
                    .Aggregate(Expression.AndAlso))
                .Aggregate(Expression.OrElse);
        }

        return Expression.Lambda<Func<TEntity, bool>>(body, _entity);
    }

    private static MethodCallExpression Property(Expression instance, Type type, string name)
        => Expression.Call(EfProperty.MakeGenericMethod(type), instance, Expression.Constant(name));

    /// <summary>A member access on a constant box, so that EF Core sends a parameter rather than a literal.</summary>
    private static MemberExpression Box(Type type, object value)
    {
        var box = (IStrongBox)Activator.CreateInstance(typeof(StrongBox<>).MakeGenericType(type), value)!;
        return Expression.Field(Expression.Constant(box), nameof(StrongBox<>.Value));
    }
}
