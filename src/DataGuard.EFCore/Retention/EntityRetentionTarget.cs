using System.Linq.Expressions;
using System.Reflection;
using DataGuard.EFCore.Infrastructure;
using DataGuard.Model;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace DataGuard.EFCore.Retention;

/// <summary>The statements for one entity type. A batch is
/// <c>DELETE FROM t WHERE … IN (SELECT key FROM t WHERE from &lt; @cutoff AND subject NOT IN (@held) AND … ORDER BY key LIMIT n)</c>
/// (or the UPDATE equivalent), as EF Core translates <c>Where(filter).OrderBy(key).Take(n).ExecuteDelete()</c>, where the
/// filter comes from the run's <see cref="RetentionPlan"/>: rows are never loaded, and ordering by the key makes
/// concurrent deleters lock rows in the same order.</summary>
internal sealed class EntityRetentionTarget<TEntity> : RetentionTarget
    where TEntity : class
{
    private static readonly MethodInfo SubjectFilterMethod = typeof(EntityRetentionTarget<TEntity>).GetMethod(
        nameof(SubjectFilter), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo SubjectPageMethod = typeof(EntityRetentionTarget<TEntity>).GetMethod(
        nameof(SubjectPage), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly string _from;
    private readonly Type _fromType;
    private readonly IReadOnlyList<IProperty> _key;
    private readonly Func<IReadOnlyCollection<string>, bool, Expression<Func<TEntity, bool>>>? _subjectFilter;
    private readonly Action<UpdateSettersBuilder<TEntity>>? _anonymize;
    private readonly Action<UpdateSettersBuilder<TEntity>>? _clearForShred;
    private readonly bool _hasMarker;
    private readonly IProperty? _subjectColumn;
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

            // A due row without a subject has no subject key to destroy: it is anonymised instead, and marked.
            _hasMarker = entityType.FindProperty(RetentionAnnotationNames.AnonymizedAtProperty) is not null;
            if (_subjectFilter is not null && entityType.FindProperty(descriptor.SubjectProperty!) is { IsNullable: true } subjectColumn)
            {
                _subjectColumn = subjectColumn;
                _anonymize = EntityAnonymizer<TEntity>.Build(descriptor, entityType);
            }
        }
    }

    public override Task<int> ClearForShredAsync(DbContext context, DateTimeOffset dueBefore, IReadOnlyCollection<string> subjects,
        CancellationToken cancellationToken)
        => _clearForShred is null || _subjectFilter is null || subjects.Count == 0
            ? Task.FromResult(0)
            : Due(context, dueBefore).Where(_subjectFilter(subjects, true)).ExecuteUpdateAsync(_clearForShred, cancellationToken);

    public override string? Problem { get; }

    public override Task<long> CountDueAsync(DbContext context, DateTimeOffset dueBefore, IReadOnlyCollection<string>? subjects,
        CancellationToken cancellationToken)
    {
        var query = Due(context, dueBefore);
        if (subjects is not null)
        {
            query = _subjectFilter is null ? query.Where(static _ => false) : query.Where(_subjectFilter(subjects, true));
        }

        return query.LongCountAsync(cancellationToken);
    }

    public override async Task<IReadOnlyList<string>> KeptSubjectsAsync(DbContext context, DateTimeOffset dueBefore, IReadOnlyCollection<string> subjects,
        CancellationToken cancellationToken)
    {
        if (_subjectPage is null || subjects.Count == 0)
        {
            return [];
        }

        var (kept, _) = await _subjectPage(
            Dated(context, dueBefore, due: false).Where(_subjectFilter!(subjects, true)), 0, subjects.Count, cancellationToken).ConfigureAwait(false);
        return kept;
    }

    public override Expression Due(DbContext context, DateTimeOffset dueBefore, Expression row) => Inline(DatedLambda(context, dueBefore, due: true), row);

    public override Expression NotDue(DbContext context, DateTimeOffset dueBefore, Expression row) => Inline(DatedLambda(context, dueBefore, due: false), row);

    public override Task<long> CountAsync(DbContext context, LambdaExpression filter, CancellationToken cancellationToken)
        => Rows(context).Where((Expression<Func<TEntity, bool>>)filter).LongCountAsync(cancellationToken);

    public override IQueryable Batch(DbContext context, LambdaExpression filter, int batchSize)
        => OrderByKey(Rows(context).Where((Expression<Func<TEntity, bool>>)filter)).Take(batchSize);

    public override Task<int> ApplyAsync(IQueryable batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var query = (IQueryable<TEntity>)batch;
        return _anonymize is null ? query.ExecuteDeleteAsync(cancellationToken) : AnonymizeAsync(query, now, cancellationToken);
    }

    public override Task<long> CountDueWithoutSubjectAsync(DbContext context, DateTimeOffset dueBefore, CancellationToken cancellationToken)
        => _subjectColumn is null ? Task.FromResult(0L) : WithoutSubject(Due(context, dueBefore)).LongCountAsync(cancellationToken);

    public override Task<int> AnonymizeDueWithoutSubjectAsync(DbContext context, DateTimeOffset dueBefore, int batchSize, DateTimeOffset now,
        CancellationToken cancellationToken)
        => _subjectColumn is null || _anonymize is null ? Task.FromResult(0)
            : AnonymizeAsync(OrderByKey(WithoutSubject(Due(context, dueBefore))).Take(batchSize), now, cancellationToken);

    private IQueryable<TEntity> WithoutSubject(IQueryable<TEntity> query)
    {
        var entity = Expression.Parameter(typeof(TEntity), "e");
        var type = _subjectColumn!.ClrType;
        var column = EfExpressions.Property(entity, type, _subjectColumn.Name);
        return query.Where(Expression.Lambda<Func<TEntity, bool>>(Expression.Equal(column, Expression.Constant(null, type)), entity));
    }

    private Task<int> AnonymizeAsync(IQueryable<TEntity> query, DateTimeOffset now, CancellationToken cancellationToken)
        => EntityAnonymizer<TEntity>.ApplyAsync(query, _anonymize, _hasMarker, now.UtcDateTime, cancellationToken);

    /// <summary>Every row of the current tenant, whatever the application's query filters say (<see cref="TenantScoping"/>).</summary>
    private IQueryable<TEntity> Rows(DbContext context) => TenantScoping.Scope(context, EntityType, context.Set<TEntity>().IgnoreQueryFilters());

    private static Expression Inline(LambdaExpression lambda, Expression row) => ReplacingExpressionVisitor.Replace(lambda.Parameters[0], row, lambda.Body);

    /// <summary>Rows whose date is before the cutoff and, for anonymising policies, not anonymised yet.</summary>
    private IQueryable<TEntity> Due(DbContext context, DateTimeOffset dueBefore) => Dated(context, dueBefore, due: true);

    /// <summary>Due rows, or (<paramref name="due"/> false) every row dated at or after the cutoff.</summary>
    private IQueryable<TEntity> Dated(DbContext context, DateTimeOffset dueBefore, bool due)
        // every query filter off (named ones too): a soft-deleted row past its period is due like any other
        => Rows(context).Where(DatedLambda(context, dueBefore, due));

    private Expression<Func<TEntity, bool>> DatedLambda(DbContext context, DateTimeOffset dueBefore, bool due)
    {
        var entity = Expression.Parameter(typeof(TEntity), "e");
        var date = EfExpressions.Property(entity, _fromType, _from);
        var cutoff = RetentionCutoff.For(dueBefore, Nullable.GetUnderlyingType(_fromType) ?? _fromType, context);

        // A member access on a constant, so that EF Core sends a parameter and caches one plan for every run.
        var box = Activator.CreateInstance(typeof(ParameterBox<>).MakeGenericType(_fromType), cutoff)!;
        var parameter = Expression.Field(Expression.Constant(box), nameof(ParameterBox<>.Value));
        Expression body = due ? Expression.LessThan(date, parameter) : Expression.GreaterThanOrEqual(date, parameter);
        if (due && _hasMarker)
        {
            body = Expression.AndAlso(body,
                Expression.Equal(EfExpressions.Property(entity, typeof(DateTime?), RetentionAnnotationNames.AnonymizedAtProperty),
                    Expression.Constant(null, typeof(DateTime?))));
        }

        return Expression.Lambda<Func<TEntity, bool>>(body, entity);
    }

    private IQueryable<TEntity> OrderByKey(IQueryable<TEntity> query)
    {
        var entity = Expression.Parameter(typeof(TEntity), "e");
        for (var i = 0; i < _key.Count; i++)
        {
            var key = _key[i];
            var access = EfExpressions.Property(entity, key.ClrType, key.Name);
            var call = Expression.Call(typeof(Queryable), i == 0 ? nameof(Queryable.OrderBy) : nameof(Queryable.ThenBy), [typeof(TEntity), key.ClrType],
                query.Expression, Expression.Quote(Expression.Lambda(access, entity)));
            query = query.Provider.CreateQuery<TEntity>(call);
        }

        return query;
    }

    /// <summary>Subject ids are canonical text; the column has the property's type, so the held ids are parsed into it.
    /// An id that does not parse (a Guid hold against an int subject) cannot match a row and is left out.</summary>
    private static Func<IReadOnlyCollection<string>, bool, Expression<Func<TEntity, bool>>> SubjectFilter<TSubject>(string property)
    {
        return (subjects, include) =>
        {
            var values = SubjectMatch.Values<TSubject>(subjects);
            return include
                ? e => values.Contains(EF.Property<TSubject>(e, property))
                : e => !values.Contains(EF.Property<TSubject>(e, property));
        };
    }

    public override Task<(IReadOnlyList<string> Subjects, int Read)> DueSubjectsAsync(DbContext context, DateTimeOffset dueBefore,
        IReadOnlyCollection<string> heldSubjects, int skip, int take, CancellationToken cancellationToken)
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
            var page = await due.Select(e => EF.Property<TSubject>(e, property)).Distinct().OrderBy(s => s).Skip(skip).Take(take)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
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
