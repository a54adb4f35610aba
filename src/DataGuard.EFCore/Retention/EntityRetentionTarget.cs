using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using DataGuard.EntityFrameworkCore.Encryption;
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
    private static readonly MethodInfo SetterMethod = typeof(EntityRetentionTarget<TEntity>).GetMethod(nameof(Setter), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo SubjectFilterMethod = typeof(EntityRetentionTarget<TEntity>).GetMethod(nameof(SubjectFilter), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly string _from;
    private readonly Type _fromType;
    private readonly IReadOnlyList<IProperty> _key;
    private readonly Func<IReadOnlyCollection<string>, bool, Expression<Func<TEntity, bool>>>? _subjectFilter;
    private readonly Action<UpdateSettersBuilder<TEntity>>? _anonymize;
    private readonly bool _hasMarker;

    public EntityRetentionTarget(PersonalEntityDescriptor descriptor, IEntityType entityType)
        : base(descriptor)
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
            _anonymize = BuildAnonymizer(descriptor, entityType);
        }
    }

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

    public override Task<int> ApplyBatchAsync(DbContext context, DateTimeOffset dueBefore, IReadOnlyCollection<string> heldSubjects, int batchSize, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var query = Due(context, dueBefore);
        if (heldSubjects.Count > 0 && _subjectFilter is not null)
        {
            query = query.Where(_subjectFilter(heldSubjects, false));
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

    /// <summary>Rows whose date is before the cutoff and, for anonymising policies, not anonymised yet.</summary>
    private IQueryable<TEntity> Due(DbContext context, DateTimeOffset dueBefore)
    {
        var entity = Expression.Parameter(typeof(TEntity), "e");
        var date = Expression.Call(EfProperty.MakeGenericMethod(_fromType), entity, Expression.Constant(_from));
        var cutoff = Cutoff(dueBefore, Nullable.GetUnderlyingType(_fromType) ?? _fromType, context);

        // A member access on a constant, so that EF Core sends a parameter and caches one plan for every run.
        var box = Activator.CreateInstance(typeof(ParameterBox<>).MakeGenericType(_fromType), cutoff)!;
        var parameter = Expression.Field(Expression.Constant(box), nameof(ParameterBox<>.Value));
        var query = context.Set<TEntity>().Where(Expression.Lambda<Func<TEntity, bool>>(Expression.LessThan(date, parameter), entity));
        if (_hasMarker)
        {
            query = query.Where(static e => EF.Property<DateTime?>(e, RetentionAnnotationNames.AnonymizedAtProperty) == null);
        }

        return query;
    }

    /// <summary>The cutoff in the date property's type. PostgreSQL keeps microseconds, so the cutoff is rounded up to
    /// the next one: for stored (whole-microsecond) values, <c>x &lt; ceil(c)</c> holds exactly when <c>x &lt; c</c>,
    /// whereas the provider would truncate it and keep a row one tick past its period.</summary>
    private static object Cutoff(DateTimeOffset dueBefore, Type type, DbContext context)
    {
        if (context.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
        {
            var remainder = dueBefore.UtcTicks % 10;
            dueBefore = remainder == 0 ? dueBefore : dueBefore.AddTicks(10 - remainder);
        }

        return type == typeof(DateTime) ? dueBefore.UtcDateTime
            : type == typeof(DateTimeOffset) ? dueBefore.ToUniversalTime()
            : DateOnly.FromDateTime(dueBefore.UtcDateTime);
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

    /// <summary>Sets every personal property to null, or, where the column is required, to a fixed placeholder (empty
    /// text, empty bytes, the type's default), and clears blind indexes. Keys and foreign keys stay: they carry no
    /// personal value of their own and the row must stay joinable for statistics.</summary>
    private static Action<UpdateSettersBuilder<TEntity>>? BuildAnonymizer(PersonalEntityDescriptor descriptor, IEntityType entityType)
    {
        var setters = new List<Action<UpdateSettersBuilder<TEntity>>>();
        foreach (var field in descriptor.Fields)
        {
            if (entityType.FindProperty(field.Name) is not { } property || property.IsKey() || property.IsForeignKey())
            {
                continue;
            }

            setters.Add(Create(property.Name, property.ClrType, property.IsNullable ? null : Placeholder(property.ClrType)));
        }

        foreach (var property in entityType.GetProperties())
        {
            if (property.FindAnnotation(EncryptionAnnotationNames.BlindIndexOf) is not null)
            {
                setters.Add(Create(property.Name, property.ClrType, null));
            }
        }

        return setters.Count == 0 ? null : s => setters.ForEach(set => set(s));

        static Action<UpdateSettersBuilder<TEntity>> Create(string name, Type type, object? value)
            => (Action<UpdateSettersBuilder<TEntity>>)SetterMethod.MakeGenericMethod(type).Invoke(null, [name, value])!;
    }

    private static object? Placeholder(Type type)
        => type == typeof(string) ? ""
            : type == typeof(byte[]) ? Array.Empty<byte>()
            : type.IsValueType ? Activator.CreateInstance(type)
            : null;

    private static Action<UpdateSettersBuilder<TEntity>> Setter<TProperty>(string name, object? value)
    {
        var typed = (TProperty)value!;
        return s => s.SetProperty(e => EF.Property<TProperty>(e, name), typed);
    }

    /// <summary>Subject ids are canonical text; the column has the property's type, so the held ids are parsed into it.
    /// An id that does not parse (a Guid hold against an int subject) cannot match a row and is left out.</summary>
    private static Func<IReadOnlyCollection<string>, bool, Expression<Func<TEntity, bool>>> SubjectFilter<TSubject>(string property)
    {
        var type = Nullable.GetUnderlyingType(typeof(TSubject)) ?? typeof(TSubject);
        return (subjects, include) =>
        {
            var values = new List<TSubject>(subjects.Count);
            foreach (var subject in subjects)
            {
                object? parsed = type == typeof(Guid) ? (Guid.TryParse(subject, out var g) ? g : null)
                    : type == typeof(int) ? (int.TryParse(subject, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null)
                    : type == typeof(long) ? (long.TryParse(subject, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null)
                    : subject;
                if (parsed is not null)
                {
                    values.Add((TSubject)parsed);
                }
            }

            return include
                ? e => values.Contains(EF.Property<TSubject>(e, property))
                : e => !values.Contains(EF.Property<TSubject>(e, property));
        };
    }
}
