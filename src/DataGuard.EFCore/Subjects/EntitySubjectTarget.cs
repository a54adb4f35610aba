using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Reflection;
using DataGuard.EFCore.Encryption;
using DataGuard.EFCore.Infrastructure;
using DataGuard.EFCore.Model;
using DataGuard.EFCore.Retention;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace DataGuard.EFCore.Subjects;

/// <summary>The statements for one entity type. The subject filter is <c>EF.Property</c> along the subject path
/// (<c>e.Order.CustomerId == @subject</c>), which EF Core turns into a join on the indexed subject column; values go in
/// as parameters, so each statement has one cached plan.</summary>
internal sealed class EntitySubjectTarget<TEntity> : SubjectTarget
    where TEntity : class
{
    private static readonly MethodInfo EfProperty = typeof(EF).GetMethod(nameof(EF.Property))!;

    private readonly ParameterExpression _entity = Expression.Parameter(typeof(TEntity), "e");
    private readonly Expression _subject;
    private readonly Type _subjectType;
    private readonly Expression? _from;
    private readonly Type? _fromType;
    private readonly Expression<Func<TEntity, object?[]>> _projection;
    private readonly Action<UpdateSettersBuilder<TEntity>>? _anonymize;
    private readonly Action<UpdateSettersBuilder<TEntity>>? _clearBeforeShred;
    private readonly Action<UpdateSettersBuilder<TEntity>>? _clearBlindIndexes;
    private readonly bool _hasMarker;
    private readonly bool _subjectKeyed;
    private readonly IReadOnlyList<IProperty> _key;
    private readonly List<(Expression Row, IEntityType Type)> _tenantRows = [];

    public EntitySubjectTarget(PersonalEntityDescriptor descriptor, IEntityType entityType)
        : base(descriptor, entityType)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(entityType);
        var steps = descriptor.SubjectProperty is { } own ? [own] : descriptor.SubjectPath!.Split('.');
        Expression access = _entity;
        var current = entityType;
        _tenantRows.Add((access, current));
        for (var i = 0; i < steps.Length - 1; i++)
        {
            var navigation = current.FindNavigation(steps[i])!;
            access = Property(access, navigation.ClrType, steps[i]);
            current = navigation.TargetEntityType;
            _tenantRows.Add((access, current)); // the subject's row on the path must be the tenant's too
        }

        _subjectType = current.FindProperty(steps[^1])!.ClrType;
        _subject = Property(access, _subjectType, steps[^1]);
        if (descriptor.Retention is { IsMinimum: true } retention)
        {
            _fromType = entityType.FindProperty(retention.From)!.ClrType;
            _from = Property(_entity, _fromType, retention.From);
        }

        _projection = Expression.Lambda<Func<TEntity, object?[]>>(
            Expression.NewArrayInit(
                typeof(object),
                Columns.Select(c => Expression.Convert(
                    entityType.FindProperty(c) is { } p ? Property(_entity, p.ClrType, c) : OwnedProperties.Access(_entity, entityType, c), typeof(object)))),
            _entity);
        _key = entityType.FindPrimaryKey()!.Properties;
        _hasMarker = entityType.FindProperty(RetentionAnnotationNames.AnonymizedAtProperty) is not null;
        _anonymize = EntityAnonymizer<TEntity>.Build(descriptor, entityType);
        _clearBlindIndexes = EntityAnonymizer<TEntity>.BuildBlindIndexClearer(entityType);
        // Everything personal is cleared, encrypted fields too: values written under the ring's key before subject keys
        // were on (or legacy plaintext) are not reached by destroying the subject's key.
        _clearBeforeShred = _anonymize;
        _subjectKeyed = entityType.GetProperties().Any(static p => p.FindAnnotation(EncryptionAnnotationNames.SubjectEncrypted) is not null);
    }

    public override Type SubjectType => _subjectType;

    public override IAsyncEnumerable<object?[]> ExportAsync(DbContext context, object subject)
        => _subjectKeyed
            ? ExportEntitiesAsync(context, subject)
            : OrderByKey(Rows(context, subject, null, null).AsNoTracking()).Select(_projection).AsAsyncEnumerable();

    /// <summary>Values under the subject's key are decrypted only when whole entities are materialised (a projection
    /// would return the stored text), so these rows are read as entities, each tracked just long enough to read its
    /// columns (shadow ones included) and then let go: memory stays flat however many rows the subject has.</summary>
    private async IAsyncEnumerable<object?[]> ExportEntitiesAsync(
        DbContext context,
        object subject,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in OrderByKey(Rows(context, subject, null, null))
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var entry = context.Entry(entity);
            var row = new object?[Columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = OwnedProperties.CurrentValue(entry, Columns[i]);
            }

            entry.State = EntityState.Detached;
            yield return row;
        }
    }

    public override async Task<List<object>> SubjectsAsync(DbContext context, CancellationToken cancellationToken)
    {
        var rows = context.Set<TEntity>().IgnoreQueryFilters();
        if (TenantFilter(context, null) is { } tenant)
        {
            rows = rows.Where(Expression.Lambda<Func<TEntity, bool>>(tenant, _entity));
        }

        var values = await rows.Select(Expression.Lambda<Func<TEntity, object?>>(Expression.Convert(_subject, typeof(object)), _entity)).Distinct()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. values.OfType<object>()];
    }

    public override Task<long> CountAsync(DbContext context, object subject, object? keepFrom, bool? kept, CancellationToken cancellationToken)
        => Rows(context, subject, keepFrom, kept).LongCountAsync(cancellationToken);

    public override IQueryable DeletableRows(DbContext context, object subject, object? keepFrom)
        => Rows(context, subject, keepFrom, false);

    public override Task<int> DeleteAsync(DbContext context, object subject, object? keepFrom, CancellationToken cancellationToken)
        => Rows(context, subject, keepFrom, false).ExecuteDeleteAsync(cancellationToken);

    public override Task<int> AnonymizeAsync(DbContext context, object subject, object? keepFrom, DateTime now, CancellationToken cancellationToken)
    {
        if (_anonymize is null && _clearBlindIndexes is null)
        {
            return Task.FromResult(0);
        }

        var rows = Rows(context, subject, keepFrom, false);
        if (_hasMarker)
        {
            rows = rows.Where(static e => EF.Property<DateTime?>(e, RetentionAnnotationNames.AnonymizedAtProperty) == null);
        }

        return rows.ExecuteUpdateAsync(
            s =>
            {
                (_anonymize ?? _clearBlindIndexes)!(s);
                if (_hasMarker)
                {
                    s.SetProperty(e => EF.Property<DateTime?>(e, RetentionAnnotationNames.AnonymizedAtProperty), now);
                }
            },
            cancellationToken);
    }

    public override async Task<long> PrepareShredAsync(DbContext context, object subject, object? keepFrom, CancellationToken cancellationToken)
        => _clearBeforeShred is null
            ? await CountAsync(context, subject, keepFrom, false, cancellationToken).ConfigureAwait(false)
            : await Rows(context, subject, keepFrom, false).ExecuteUpdateAsync(_clearBeforeShred, cancellationToken).ConfigureAwait(false);

    public override Task<int> ClearBlindIndexesAsync(DbContext context, object subject, object? keepFrom, CancellationToken cancellationToken)
        => _clearBlindIndexes is null
            ? Task.FromResult(0)
            : Rows(context, subject, keepFrom, keepFrom is null ? null : true).ExecuteUpdateAsync(_clearBlindIndexes, cancellationToken);

    /// <summary>The subject's rows, whatever the application's query filters hide; with <paramref name="kept"/>, only those inside (true) or outside (false)
    /// the
    /// retention minimum, whose period counts from the row's date up to <paramref name="keepFrom"/>.</summary>
    private IQueryable<TEntity> Rows(DbContext context, object subject, object? keepFrom, bool? kept)
    {
        Expression filter = Expression.Equal(_subject, Parameter(_subjectType, subject));
        if (kept is { } inside && keepFrom is not null && _from is not null)
        {
            Expression within = Expression.GreaterThanOrEqual(_from, Parameter(_fromType!, keepFrom));
            filter = Expression.AndAlso(filter, inside ? within : Expression.Not(within));
        }

        filter = TenantFilter(context, filter)!;

        // Every query filter off (EF Core 10's named ones too): a soft-deleted or otherwise hidden row is still the
        // subject's data, to export and to erase; left out, it would also block or escape a principal's delete.
        return context.Set<TEntity>().IgnoreQueryFilters().Where(Expression.Lambda<Func<TEntity, bool>>(filter, _entity));
    }

    /// <summary><paramref name="filter"/> and the current tenant's rows only, on every entity of the path that has a
    /// tenant column: the same subject id in another tenant is another subject.</summary>
    private Expression? TenantFilter(DbContext context, Expression? filter)
    {
        foreach (var (row, type) in _tenantRows)
        {
            filter = EfExpressions.And(filter, TenantScoping.Predicate(context, type, row));
        }

        return filter;
    }

    private IQueryable<TEntity> OrderByKey(IQueryable<TEntity> query) => DataGuard.EFCore.Infrastructure.PrimaryKeyOrder.OrderByKey(query, _key);

    private static MethodCallExpression Property(Expression instance, Type type, string name)
        => Expression.Call(EfProperty.MakeGenericMethod(type), instance, Expression.Constant(name));

    /// <summary>A member access on a constant box, so that EF Core sends a parameter (one cached plan for every subject).</summary>
    private static MemberExpression Parameter(Type type, object value)
        => Expression.Field(Expression.Constant(Activator.CreateInstance(typeof(ParameterBox<>).MakeGenericType(type), value)), nameof(ParameterBox<>.Value));
}
