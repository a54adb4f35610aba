using System.Linq.Expressions;
using System.Reflection;
using DataGuard.EntityFrameworkCore.Subjects;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace DataGuard.EntityFrameworkCore.Retention;

/// <summary>The statements for one entity type. A batch is
/// <c>DELETE FROM t WHERE … IN (SELECT key FROM t WHERE from &lt; @cutoff AND subject NOT IN (@held) ORDER BY key LIMIT n)</c>
/// (or the UPDATE equivalent), as EF Core translates <c>Where(due).OrderBy(key).Take(n).ExecuteDelete()</c>: rows are
/// never loaded, and ordering by the key makes concurrent deleters lock rows in the same order.</summary>
internal sealed class EntityRetentionTarget<TEntity> : RetentionTarget
    where TEntity : class
{
    private static readonly MethodInfo EfProperty = typeof(EF).GetMethod(nameof(EF.Property))!;
    private static readonly MethodInfo SetMethod = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;
    private static readonly MethodInfo IgnoreFiltersMethod = typeof(EntityFrameworkQueryableExtensions).GetMethod(nameof(EntityFrameworkQueryableExtensions.IgnoreQueryFilters), [typeof(IQueryable<>).MakeGenericType(Type.MakeGenericMethodParameter(0))])!;
    private static readonly MethodInfo SubjectFilterMethod = typeof(EntityRetentionTarget<TEntity>).GetMethod(nameof(SubjectFilter), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo SubjectPageMethod = typeof(EntityRetentionTarget<TEntity>).GetMethod(nameof(SubjectPage), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly string _from;
    private readonly Type _fromType;
    private readonly IReadOnlyList<IProperty> _key;
    private readonly Func<IReadOnlyCollection<string>, bool, Expression<Func<TEntity, bool>>>? _subjectFilter;
    private readonly Action<UpdateSettersBuilder<TEntity>>? _anonymize;
    private readonly Action<UpdateSettersBuilder<TEntity>>? _clearForShred;
    private readonly bool _hasMarker;
    private readonly IReadOnlyList<IForeignKey> _restricting = [];
    private readonly Func<IQueryable<TEntity>, int, int, CancellationToken, Task<(IReadOnlyList<string>, int)>>? _subjectPage;

    public EntityRetentionTarget(PersonalEntityDescriptor descriptor, IEntityType entityType)
        : base(descriptor, entityType)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(entityType);
        _from = descriptor.Retention!.From;
        _fromType = entityType.FindProperty(_from)!.ClrType;
        _key = entityType.FindPrimaryKey()?.Properties ?? [];
        if (descriptor.SubjectProperty is { } subject && descriptor.SubjectType is { } subjectType)
        {
            _subjectFilter = (Func<IReadOnlyCollection<string>, bool, Expression<Func<TEntity, bool>>>)SubjectFilterMethod
                .MakeGenericMethod(subjectType)
                .Invoke(null, [subject])!;
            _subjectPage = (Func<IQueryable<TEntity>, int, int, CancellationToken, Task<(IReadOnlyList<string>, int)>>)SubjectPageMethod
                .MakeGenericMethod(subjectType)
                .Invoke(null, [subject])!;
        }

        if (entityType.IsOwned())
        {
            Problem = $"{descriptor.Name} is owned by another entity type; declare the retention policy on its owner.";
        }
        else if (_key.Count == 0)
        {
            Problem = $"{descriptor.Name} has no primary key, so retention cannot work it in batches.";
        }

        if (descriptor.Retention.Then == RetentionAction.Delete)
        {
            // A delete the database would refuse (a dependent whose foreign key does not cascade) fails the whole batch
            // statement; those rows are left out instead and reported. Self-references go with the batch.
            _restricting = [.. entityType.GetReferencingForeignKeys().Where(fk => !fk.IsOwnership && fk.DeclaringEntityType != entityType
                && fk.DeclaringEntityType.FindPrimaryKey() is not null && fk.DeleteBehavior is not (DeleteBehavior.Cascade or DeleteBehavior.SetNull))];
        }

        if (descriptor.Retention.Then == RetentionAction.Anonymize)
        {
            _hasMarker = entityType.FindProperty(RetentionAnnotationNames.AnonymizedAtProperty) is not null;
            _anonymize = EntityAnonymizer<TEntity>.Build(descriptor, entityType);
        }
        else if (descriptor.Retention.Then == RetentionAction.Shred)
        {
            // Destroying the subject's key does not reach personal fields stored in clear, nor blind indexes (which would
            // still confirm a guessed value): those are cleared. Encrypted fields keep their unreadable ciphertext, so the
            // entity can still tell it was shredded.
            _clearForShred = EntityAnonymizer<TEntity>.Build(descriptor, entityType, static field => !field.Encrypted);
        }
    }

    public override Task<int> ClearForShredAsync(DbContext context, DateTimeOffset dueBefore, IReadOnlyCollection<string> subjects, CancellationToken cancellationToken)
        => _clearForShred is null || _subjectFilter is null || subjects.Count == 0
            ? Task.FromResult(0)
            : Due(context, dueBefore).Where(_subjectFilter(subjects, true)).ExecuteUpdateAsync(_clearForShred, cancellationToken);

    public override string? Problem { get; }

    public override Task<long> CountDueAsync(DbContext context, DateTimeOffset dueBefore, IReadOnlyCollection<string>? subjects, CancellationToken cancellationToken)
    {
        var query = Due(context, dueBefore);
        if (subjects is not null)
        {
            query = _subjectFilter is null ? query.Where(static _ => false) : query.Where(_subjectFilter(subjects, true));
        }

        return query.LongCountAsync(cancellationToken);
    }

    public override async Task<(long Rows, IReadOnlyList<string> Entities)> CountBlockedAsync(DbContext context, DateTimeOffset dueBefore, IReadOnlyCollection<string> heldSubjects, CancellationToken cancellationToken)
    {
        if (_restricting.Count == 0)
        {
            return (0, []);
        }

        var query = NotHeld(Due(context, dueBefore), heldSubjects);
        long rows = 0;
        var entities = new List<string>();
        foreach (var fk in _restricting)
        {
            var referenced = await query.Where(Referenced(context, [fk], true)).LongCountAsync(cancellationToken).ConfigureAwait(false);
            if (referenced > 0)
            {
                entities.Add(fk.DeclaringEntityType.DisplayName());
            }
        }

        if (entities.Count > 0)
        {
            rows = await query.Where(Referenced(context, _restricting, true)).LongCountAsync(cancellationToken).ConfigureAwait(false);
        }

        return (rows, entities);
    }

    public override Task<int> ApplyBatchAsync(DbContext context, DateTimeOffset dueBefore, IReadOnlyCollection<string> heldSubjects, int batchSize, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var query = NotHeld(Due(context, dueBefore), heldSubjects);
        if (_restricting.Count > 0)
        {
            query = query.Where(Referenced(context, _restricting, false));
        }

        query = OrderByKey(query).Take(batchSize);
        if (_anonymize is null)
        {
            return query.ExecuteDeleteAsync(cancellationToken);
        }

        var anonymizedAt = now.UtcDateTime;
        return query.ExecuteUpdateAsync(
            s =>
            {
                _anonymize(s);
                if (_hasMarker)
                {
                    s.SetProperty(e => EF.Property<DateTime?>(e, RetentionAnnotationNames.AnonymizedAtProperty), anonymizedAt);
                }
            },
            cancellationToken);
    }

    public override async Task<IReadOnlyList<string>> KeptSubjectsAsync(DbContext context, DateTimeOffset dueBefore, IReadOnlyCollection<string> subjects, CancellationToken cancellationToken)
    {
        if (_subjectPage is null || subjects.Count == 0)
        {
            return [];
        }

        var (kept, _) = await _subjectPage(Dated(context, dueBefore, due: false).Where(_subjectFilter!(subjects, true)), 0, subjects.Count, cancellationToken).ConfigureAwait(false);
        return kept;
    }

    private IQueryable<TEntity> NotHeld(IQueryable<TEntity> query, IReadOnlyCollection<string> heldSubjects)
        => heldSubjects.Count > 0 && _subjectFilter is not null ? query.Where(_subjectFilter(heldSubjects, false)) : query;

    /// <summary><c>e =&gt; dependents.Any(d =&gt; d.Fk == e.Key) || …</c> over <paramref name="foreignKeys"/> (query filters
    /// off), or its negation when <paramref name="referenced"/> is false.</summary>
    private static Expression<Func<TEntity, bool>> Referenced(DbContext context, IReadOnlyList<IForeignKey> foreignKeys, bool referenced)
    {
        var entity = Expression.Parameter(typeof(TEntity), "e");
        Expression? any = null;
        foreach (var fk in foreignKeys)
        {
            var dependentType = fk.DeclaringEntityType.ClrType;
            var set = (IQueryable)SetMethod.MakeGenericMethod(dependentType).Invoke(context, null)!;
            set = (IQueryable)IgnoreFiltersMethod.MakeGenericMethod(dependentType).Invoke(null, [set])!;
            var dependent = Expression.Parameter(dependentType, "d");
            Expression? match = null;
            for (var i = 0; i < fk.Properties.Count; i++)
            {
                var key = fk.PrincipalKey.Properties[i];
                var column = fk.Properties[i];
                var type = key.ClrType.IsValueType ? typeof(Nullable<>).MakeGenericType(Nullable.GetUnderlyingType(key.ClrType) ?? key.ClrType) : key.ClrType;
                var equal = Expression.Equal(
                    Expression.Convert(Expression.Call(EfProperty.MakeGenericMethod(column.ClrType), dependent, Expression.Constant(column.Name)), type),
                    Expression.Convert(Expression.Call(EfProperty.MakeGenericMethod(key.ClrType), entity, Expression.Constant(key.Name)), type));
                match = match is null ? equal : Expression.AndAlso(match, equal);
            }

            var call = Expression.Call(typeof(Queryable), nameof(Queryable.Any), [dependentType], set.Expression, Expression.Quote(Expression.Lambda(match!, dependent)));
            any = any is null ? call : Expression.OrElse(any, call);
        }

        return Expression.Lambda<Func<TEntity, bool>>(referenced ? any! : Expression.Not(any!), entity);
    }

    /// <summary>Rows whose date is before the cutoff and, for anonymising policies, not anonymised yet.</summary>
    private IQueryable<TEntity> Due(DbContext context, DateTimeOffset dueBefore) => Dated(context, dueBefore, due: true);

    /// <summary>Due rows, or (<paramref name="due"/> false) every row dated at or after the cutoff.</summary>
    private IQueryable<TEntity> Dated(DbContext context, DateTimeOffset dueBefore, bool due)
    {
        var entity = Expression.Parameter(typeof(TEntity), "e");
        var date = Expression.Call(EfProperty.MakeGenericMethod(_fromType), entity, Expression.Constant(_from));
        var cutoff = RetentionCutoff.For(dueBefore, Nullable.GetUnderlyingType(_fromType) ?? _fromType, context);

        // A member access on a constant, so that EF Core sends a parameter and caches one plan for every run.
        var box = Activator.CreateInstance(typeof(ParameterBox<>).MakeGenericType(_fromType), cutoff)!;
        var parameter = Expression.Field(Expression.Constant(box), nameof(ParameterBox<>.Value));
        var compare = due ? Expression.LessThan(date, parameter) : Expression.GreaterThanOrEqual(date, parameter);
        // Every query filter off (named ones too): a soft-deleted row past its period is due like any other.
        var query = context.Set<TEntity>().IgnoreQueryFilters().Where(Expression.Lambda<Func<TEntity, bool>>(compare, entity));
        if (due && _hasMarker)
        {
            query = query.Where(static e => EF.Property<DateTime?>(e, RetentionAnnotationNames.AnonymizedAtProperty) == null);
        }

        return query;
    }

    private IQueryable<TEntity> OrderByKey(IQueryable<TEntity> query)
    {
        var entity = Expression.Parameter(typeof(TEntity), "e");
        for (var i = 0; i < _key.Count; i++)
        {
            var key = _key[i];
            var access = Expression.Call(EfProperty.MakeGenericMethod(key.ClrType), entity, Expression.Constant(key.Name));
            var call = Expression.Call(typeof(Queryable), i == 0 ? nameof(Queryable.OrderBy) : nameof(Queryable.ThenBy), [typeof(TEntity), key.ClrType], query.Expression, Expression.Quote(Expression.Lambda(access, entity)));
            query = query.Provider.CreateQuery<TEntity>(call);
        }

        return query;
    }

    /// <summary>Subject ids are canonical text; the column has the property's type, so the held ids are parsed into it.
    /// An id that does not parse (a Guid hold against an int subject) cannot match a row and is left out.</summary>
    private static Func<IReadOnlyCollection<string>, bool, Expression<Func<TEntity, bool>>> SubjectFilter<TSubject>(string property)
    {
        var type = typeof(TSubject);
        return (subjects, include) =>
        {
            var values = new List<TSubject>(subjects.Count);
            foreach (var subject in subjects)
            {
                if (SubjectValue.Parse(type, subject) is { } parsed)
                {
                    values.Add((TSubject)parsed);
                }
            }

            return include
                ? e => values.Contains(EF.Property<TSubject>(e, property))
                : e => !values.Contains(EF.Property<TSubject>(e, property));
        };
    }

    public override Task<(IReadOnlyList<string> Subjects, int Read)> DueSubjectsAsync(DbContext context, DateTimeOffset dueBefore, IReadOnlyCollection<string> heldSubjects, int skip, int take, CancellationToken cancellationToken)
    {
        if (_subjectPage is null)
        {
            return Task.FromResult<(IReadOnlyList<string>, int)>(([], 0));
        }

        var query = Due(context, dueBefore);
        if (heldSubjects.Count > 0)
        {
            query = query.Where(_subjectFilter!(heldSubjects, false));
        }

        return _subjectPage(query, skip, take, cancellationToken);
    }

    /// <summary>Pages distinct subject values in order; rows stay in place when their subjects are shredded, so
    /// offsets are stable across the pages of one run.</summary>
    private static Func<IQueryable<TEntity>, int, int, CancellationToken, Task<(IReadOnlyList<string>, int)>> SubjectPage<TSubject>(string property)
        => async (due, skip, take, cancellationToken) =>
        {
            var page = await due.Select(e => EF.Property<TSubject>(e, property)).Distinct().OrderBy(s => s).Skip(skip).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
            var subjects = new List<string>(page.Count);
            foreach (var subject in page)
            {
                if (subject is not null)
                {
                    subjects.Add(SubjectId.From(subject).Value);
                }
            }

            return (subjects, page.Count);
        };
}
