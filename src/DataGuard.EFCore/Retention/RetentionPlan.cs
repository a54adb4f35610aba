using System.Linq.Expressions;
using System.Reflection;
using DataGuard.EntityFrameworkCore.Encryption;
using DataGuard.EntityFrameworkCore.Model;
using DataGuard.EntityFrameworkCore.Subjects;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EntityFrameworkCore.Retention;

/// <summary>
/// The order of work of one retention run (its targets, dependents first) and what each step does to the rows of every
/// entity type, as SQL predicates read from the model's foreign keys. A step deletes the due rows of its entity that are
/// not held and that the database can delete without touching a row that must stay: no row under them (through
/// cascading foreign keys) is referred to by a foreign key that does not cascade, nor kept by a legal hold or a retention
/// minimum. Its deletes cascade to dependents, which are counted per entity type before each batch.
/// <para>The predicates describe the database as it will be at a step: everything the steps from <see cref="Base"/> up to
/// that step delete (by their own policy or by cascade) is taken out. A real run sets <see cref="Base"/> to the step it
/// works (the database already shows the earlier ones) and looks ahead only where a step must know what later steps do;
/// a dry run keeps it at 0 and so simulates every step in order, which is why it counts what the real run then does.</para>
/// </summary>
internal sealed class RetentionPlan
{
    /// <summary>How deep foreign keys are followed; a cycle through several entity types stops here (the database's own
    /// check is the authority beyond).</summary>
    private const int MaxDepth = 12;

    private static readonly MethodInfo SetMethod = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;
    private static readonly MethodInfo IgnoreFiltersMethod = typeof(EntityFrameworkQueryableExtensions).GetMethod(nameof(EntityFrameworkQueryableExtensions.IgnoreQueryFilters), [typeof(IQueryable<>).MakeGenericType(Type.MakeGenericMethodParameter(0))])!;
    private static readonly MethodInfo EfProperty = typeof(EF).GetMethod(nameof(EF.Property))!;
    private static readonly MethodInfo CountMethod = typeof(RetentionPlan).GetMethod(nameof(CountAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo AnonymizeMethod = typeof(RetentionPlan).GetMethod(nameof(AnonymizeAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo ContainsMethod = typeof(RetentionPlan).GetMethod(nameof(Contains), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly DbContext _context;
    private readonly DateTimeOffset[] _dueBefore;
    private readonly IReadOnlyCollection<string> _heldSubjects;
    private readonly HashSet<string> _heldEntities;
    private readonly Dictionary<IEntityType, PersonalEntityDescriptor> _descriptors = [];
    private readonly HashSet<IEntityType>[] _reach;
    private readonly RetentionPolicy[] _policies;

    public RetentionPlan(DbContext context, IReadOnlyList<RetentionTarget> targets, DateTimeOffset now, IReadOnlyList<LegalHoldRecord> holds, Func<RetentionTarget, RetentionPolicy>? policyFor = null)
    {
        _context = context;
        Targets = targets;

        // A configured override (RetentionOptions.Overrides) changes only the period, so only the cut-off differs.
        _policies = [.. targets.Select(t => policyFor?.Invoke(t) ?? t.Policy)];
        _dueBefore = [.. _policies.Select(p => p.DueBefore(now))];
        _heldSubjects = holds.Where(static h => h.SubjectId is not null).Select(static h => h.SubjectId!).ToHashSet(StringComparer.Ordinal);
        _heldEntities = holds.Where(static h => h.EntityType is not null).Select(static h => h.EntityType!).ToHashSet(StringComparer.Ordinal);
        foreach (var descriptor in context.Model.GetPersonalDataModel().Entities)
        {
            if (context.Model.FindEntityType(descriptor.ClrType) is { } entityType)
            {
                _descriptors[entityType] = descriptor;
            }
        }

        _reach = new HashSet<IEntityType>[targets.Count];
        for (var j = 0; j < targets.Count; j++)
        {
            _reach[j] = [];
            if (targets[j] is { Problem: null, Policy.Then: RetentionAction.Delete } deleting && !IsHeld(deleting.EntityType))
            {
                Reach(deleting.EntityType, _reach[j]);
            }
        }

        static void Reach(IEntityType type, HashSet<IEntityType> reached)
        {
            if (!reached.Add(type))
            {
                return;
            }

            foreach (var fk in type.GetReferencingForeignKeys())
            {
                if (Followed(fk) && fk.DeleteBehavior == DeleteBehavior.Cascade)
                {
                    Reach(fk.DeclaringEntityType, reached);
                }
            }
        }
    }

    /// <summary>The targets in their order of work.</summary>
    public IReadOnlyList<RetentionTarget> Targets { get; }

    /// <summary>The step whose state the database shows: predicates simulate the steps from here on.</summary>
    public int Base { get; set; }

    public DateTimeOffset DueBefore(int step) => _dueBefore[step];

    /// <summary>The policy step <paramref name="step"/> applies: the declared one, or its configured override.</summary>
    public RetentionPolicy Policy(int step) => _policies[step];

    public IReadOnlyCollection<string> HeldSubjects => _heldSubjects;

    /// <summary>Whether a legal hold covers every row of the entity type.</summary>
    public bool IsHeld(IEntityType entityType) => IsHeld(Name(entityType));

    /// <summary>Whether a legal hold covers every row of the entity type of this DataGuard name.</summary>
    public bool IsHeld(string entityName) => _heldEntities.Contains(entityName);

    public string Name(IEntityType entityType)
        => _descriptors.TryGetValue(entityType, out var descriptor) ? descriptor.Name : EntityTypeSpecReader.DataGuardName(entityType);

    /// <summary>Builds <c>row =&gt; body(row)</c> over the entity type of <paramref name="step"/>'s target.</summary>
    public LambdaExpression Where(int step, Func<Expression, Expression?> body)
    {
        var row = Expression.Parameter(Targets[step].EntityType.ClrType, "e");
        return Expression.Lambda(body(row) ?? Expression.Constant(true), row);
    }

    /// <summary>Due rows of the step's target that exist at that step.</summary>
    public Expression Due(int step, Expression row)
        => And(Targets[step].Due(_context, _dueBefore[step], row), Exists(Targets[step].EntityType, step, row, 0))!;

    /// <summary>Rows whose own subject is under a legal hold (none when the entity has no subject column).</summary>
    public Expression? SubjectHeld(IEntityType entityType, Expression row) => SubjectIn(entityType, row, _heldSubjects);

    /// <summary>Rows the database would refuse to delete at <paramref name="step"/>: a row of another entity refers to
    /// them, or to a row their delete would cascade to, through a foreign key that does not cascade.</summary>
    public Expression? Restricted(int step, Expression row) => Restricted(Targets[step].EntityType, step, row, 0, null);

    /// <summary><see cref="Restricted(int, Expression)"/> by the rows of <paramref name="dependent"/> only.</summary>
    public Expression? RestrictedBy(int step, IEntityType dependent, Expression row) => Restricted(Targets[step].EntityType, step, row, 0, dependent);

    /// <summary>The entity types whose rows may restrict the step's deletes: those with a foreign key that does not
    /// cascade to the step's entity type or to one its deletes cascade to.</summary>
    public IReadOnlyList<IEntityType> Restricting(int step)
    {
        var restricting = new List<IEntityType>();
        var seen = new HashSet<IEntityType>();
        var pending = new Stack<IEntityType>([Targets[step].EntityType]);
        while (pending.TryPop(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            foreach (var fk in type.GetReferencingForeignKeys())
            {
                if (!Followed(fk) || fk.DeleteBehavior == DeleteBehavior.SetNull)
                {
                    continue;
                }

                if (fk.DeleteBehavior == DeleteBehavior.Cascade)
                {
                    pending.Push(fk.DeclaringEntityType);
                }
                else if (!restricting.Contains(fk.DeclaringEntityType))
                {
                    restricting.Add(fk.DeclaringEntityType);
                }
            }
        }

        return restricting;
    }

    /// <summary>Rows whose delete at <paramref name="step"/> would cascade to rows that must stay (a legal hold, or a
    /// retention minimum not yet over).</summary>
    public Expression? KeptBelow(int step, Expression row) => KeptBelow(Targets[step].EntityType, step, row, 0);

    /// <summary>Rows of the step's target that a later step deletes (by cascade from a principal, or its own policy).</summary>
    public Expression? RemovedLater(int step, Expression row)
    {
        Expression? removed = null;
        for (var j = step + 1; j < Targets.Count; j++)
        {
            removed = Or(removed, RemovedBy(j, Targets[step].EntityType, row, 0));
        }

        return removed;
    }

    /// <summary>Rows of the step's target that it deletes (a deleting policy) or anonymises (an anonymising one).</summary>
    public Expression? Works(int step, Expression row)
    {
        var target = Targets[step];
        if (IsHeld(target.EntityType))
        {
            return Expression.Constant(false);
        }

        var works = Due(step, row);
        if (SubjectHeld(target.EntityType, row) is { } held)
        {
            works = And(works, Expression.Not(held))!;
        }

        if (target.Policy.Then == RetentionAction.Delete)
        {
            if (Or(Restricted(step, row), KeptBelow(step, row)) is { } stuck)
            {
                works = And(works, Expression.Not(stuck))!;
            }
        }
        else if (target.Policy.Then == RetentionAction.Anonymize && RemovedLater(step, row) is { } later)
        {
            works = And(works, Expression.Not(later))!;
        }

        return works;
    }

    /// <summary>What deleting <paramref name="principals"/> (rows of <paramref name="principalType"/>, at
    /// <paramref name="step"/>) does to other rows: per entity type, the rows the database deletes by cascade and the
    /// rows whose subject column it sets to null while they hold values encrypted under that subject's key. The latter
    /// are anonymised first when <paramref name="anonymizeAt"/> is given (a real run), so no row is left with values
    /// that no key can be found for.</summary>
    public async Task<List<DependentEffect>> DependentsAsync(IQueryable principals, IEntityType principalType, int step, DateTime? anonymizeAt, CancellationToken cancellationToken)
    {
        var effects = new List<DependentEffect>();
        await VisitAsync(principals, principalType, 0).ConfigureAwait(false);
        return effects;

        async Task VisitAsync(IQueryable rows, IEntityType type, int depth)
        {
            if (depth > MaxDepth)
            {
                return;
            }

            foreach (var fk in type.GetReferencingForeignKeys())
            {
                if (!Followed(fk))
                {
                    continue;
                }

                var dependentType = fk.DeclaringEntityType;
                if (fk.DeleteBehavior == DeleteBehavior.Cascade)
                {
                    var dependents = Referencing(rows, fk, step, null);
                    var count = await Count(dependents, dependentType, cancellationToken).ConfigureAwait(false);
                    if (count > 0)
                    {
                        effects.Add(new DependentEffect(dependentType, type, count, Deleted: true));
                        await VisitAsync(dependents, dependentType, depth + 1).ConfigureAwait(false);
                    }
                }
                else if (fk.DeleteBehavior == DeleteBehavior.SetNull && ClearsSubjectOfEncryptedValues(fk) && _descriptors.TryGetValue(dependentType, out var descriptor))
                {
                    var dependents = Referencing(rows, fk, step, row => NotAnonymizedBefore(dependentType, step, row));
                    var count = anonymizeAt is { } at
                        ? await ((Task<int>)AnonymizeMethod.MakeGenericMethod(dependentType.ClrType).Invoke(null, [dependents, descriptor, dependentType, at, cancellationToken])!).ConfigureAwait(false)
                        : await Count(dependents, dependentType, cancellationToken).ConfigureAwait(false);
                    if (count > 0)
                    {
                        effects.Add(new DependentEffect(dependentType, type, count, Deleted: false));
                    }
                }
            }
        }
    }

    /// <summary>Whether the foreign key is the dependent's subject column and the dependent has values encrypted under
    /// the subject's key: setting it to null would leave those values in a row without a subject, unreadable.</summary>
    public static bool ClearsSubjectOfEncryptedValues(IReadOnlyForeignKey fk)
        => fk.DeclaringEntityType.GetProperties().Any(p => p.FindAnnotation(EncryptionAnnotationNames.SubjectEncrypted)?.Value is string subject
            && fk.Properties.Any(c => string.Equals(c.Name, subject, StringComparison.Ordinal)));

    private static bool Followed(IReadOnlyForeignKey fk)
        => !fk.IsOwnership && fk.DeclaringEntityType != fk.PrincipalEntityType && !fk.DeclaringEntityType.IsOwned() && fk.DeclaringEntityType.FindPrimaryKey() is not null;

    /// <summary>Rows of <paramref name="type"/> that still exist at <paramref name="step"/> (null: every row).</summary>
    private UnaryExpression? Exists(IEntityType type, int step, Expression row, int depth)
    {
        Expression? gone = null;
        for (var j = Base; j < step; j++)
        {
            gone = Or(gone, RemovedBy(j, type, row, depth));
        }

        return gone is null ? null : Expression.Not(gone);
    }

    /// <summary>Rows of <paramref name="type"/> that step <paramref name="j"/> deletes, by its own policy or by cascade
    /// (null: none).</summary>
    private Expression? RemovedBy(int j, IEntityType type, Expression row, int depth)
    {
        if (depth > MaxDepth || !_reach[j].Contains(type))
        {
            return null;
        }

        Expression? removed = null;
        if (type == Targets[j].EntityType)
        {
            removed = Works(j, row, depth + 1);
        }

        foreach (var fk in type.GetForeignKeys())
        {
            if (Followed(fk) && fk.DeleteBehavior == DeleteBehavior.Cascade && _reach[j].Contains(fk.PrincipalEntityType))
            {
                removed = Or(removed, AnyPrincipal(fk, row, p => RemovedBy(j, fk.PrincipalEntityType, p, depth + 1)));
            }
        }

        return removed;
    }

    /// <summary><see cref="Works(int, Expression)"/> for a deleting step, at a depth.</summary>
    private Expression? Works(int j, Expression row, int depth)
    {
        var target = Targets[j];
        var works = And(target.Due(_context, _dueBefore[j], row), Exists(target.EntityType, j, row, depth));
        if (SubjectHeld(target.EntityType, row) is { } held)
        {
            works = And(works, Expression.Not(held));
        }

        return Or(Restricted(target.EntityType, j, row, depth, null), KeptBelow(target.EntityType, j, row, depth)) is { } stuck
            ? And(works, Expression.Not(stuck))
            : works;
    }

    private Expression? Restricted(IEntityType type, int step, Expression row, int depth, IEntityType? only)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        Expression? any = null;
        foreach (var fk in type.GetReferencingForeignKeys())
        {
            if (!Followed(fk) || fk.DeleteBehavior == DeleteBehavior.SetNull)
            {
                continue; // set-null only clears a column
            }

            var dependentType = fk.DeclaringEntityType;
            any = Or(any, fk.DeleteBehavior == DeleteBehavior.Cascade
                ? AnyDependent(fk, row, d => Restricted(dependentType, step, d, depth + 1, only) is { } below ? And(Exists(dependentType, step, d, depth + 1), below) : null)
                : only is null || only == dependentType ? AnyDependent(fk, row, d => (Expression?)Exists(dependentType, step, d, depth + 1) ?? Expression.Constant(true)) : null);
        }

        return any;
    }

    private Expression? KeptBelow(IEntityType type, int step, Expression row, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        Expression? any = null;
        foreach (var fk in type.GetReferencingForeignKeys())
        {
            if (Followed(fk) && fk.DeleteBehavior == DeleteBehavior.Cascade)
            {
                var dependentType = fk.DeclaringEntityType;
                any = Or(any, AnyDependent(fk, row, d => Or(KeptSelf(dependentType, d), KeptBelow(dependentType, step, d, depth + 1)) is { } kept ? And(Exists(dependentType, step, d, depth + 1), kept) : null));
            }
        }

        return any;
    }

    /// <summary>Rows that must stay whatever happens to their principals: their entity type or their subject is under a
    /// legal hold, or a retention minimum (legal requirement) still keeps them.</summary>
    private Expression? KeptSelf(IEntityType type, Expression row)
    {
        if (IsHeld(type))
        {
            return Expression.Constant(true);
        }

        var kept = SubjectHeld(type, row);
        for (var i = 0; i < Targets.Count; i++)
        {
            if (Targets[i] is { Problem: null, Policy.IsMinimum: true } minimum && minimum.EntityType == type)
            {
                kept = Or(kept, minimum.NotDue(_context, _dueBefore[i], row));
            }
        }

        return kept;
    }

    /// <summary>Rows not marked anonymised, and that no step from <see cref="Base"/> up to <paramref name="step"/>
    /// anonymises first.</summary>
    private UnaryExpression? NotAnonymizedBefore(IEntityType type, int step, Expression row)
    {
        Expression? done = type.FindProperty(RetentionAnnotationNames.AnonymizedAtProperty) is null
            ? null
            : Expression.NotEqual(Expression.Call(EfProperty.MakeGenericMethod(typeof(DateTime?)), row, Expression.Constant(RetentionAnnotationNames.AnonymizedAtProperty)), Expression.Constant(null, typeof(DateTime?)));
        for (var i = Base; i < step; i++)
        {
            if (Targets[i] is { Problem: null, Policy.Then: RetentionAction.Anonymize } anonymizing && anonymizing.EntityType == type)
            {
                done = Or(done, Works(i, row));
            }
        }

        return done is null ? null : Expression.Not(done);
    }

    /// <summary>Rows whose subject (their own subject column, or the end of their subject path) is one of
    /// <paramref name="subjects"/>; null when the entity has no subject.</summary>
    private Expression? SubjectIn(IEntityType type, Expression row, IReadOnlyCollection<string> subjects)
    {
        if (subjects.Count == 0 || !_descriptors.TryGetValue(type, out var descriptor))
        {
            return null;
        }

        if (descriptor.SubjectProperty is { } property && descriptor.SubjectType is { } subjectType)
        {
            return (Expression)ContainsMethod.MakeGenericMethod(subjectType).Invoke(null, [subjects, row, property])!;
        }

        if (descriptor.SubjectPath is not { } path)
        {
            return null;
        }

        // Navigations up to the principal that holds the subject column: EF Core joins them (a broken path reads null).
        var steps = path.Split('.');
        IReadOnlyEntityType current = type;
        var owner = row;
        for (var i = 0; i < steps.Length - 1; i++)
        {
            if (current.FindNavigation(steps[i]) is not { } navigation)
            {
                return null;
            }

            owner = Expression.Call(EfProperty.MakeGenericMethod(navigation.ClrType), owner, Expression.Constant(steps[i]));
            current = navigation.TargetEntityType;
        }

        return current.FindProperty(steps[^1]) is { } column
            ? (Expression)ContainsMethod.MakeGenericMethod(column.ClrType).Invoke(null, [subjects, owner, column.Name])!
            : null;
    }

    /// <summary><c>values.Contains(EF.Property&lt;T&gt;(row, property))</c> over the subjects that parse into the column's
    /// type (an id that does not parse cannot match a row).</summary>
    private static MethodCallExpression Contains<T>(IReadOnlyCollection<string> subjects, Expression row, string property)
    {
        var values = new List<T>(subjects.Count);
        foreach (var subject in subjects)
        {
            if (SubjectValue.Parse(typeof(T), subject) is { } parsed)
            {
                values.Add((T)parsed);
            }
        }

        Expression<Func<List<T>>> box = () => values;
        return Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(T)], box.Body, Expression.Call(EfProperty.MakeGenericMethod(typeof(T)), row, Expression.Constant(property)));
    }

    /// <summary>The dependents (query filters off) that exist at <paramref name="step"/> and refer to one of
    /// <paramref name="principals"/> through <paramref name="fk"/>.</summary>
    private IQueryable Referencing(IQueryable principals, IForeignKey fk, int step, Func<Expression, Expression?>? also)
    {
        var dependentType = fk.DeclaringEntityType;
        var set = Rows(dependentType);
        var dependent = Expression.Parameter(dependentType.ClrType, "d");
        var principal = Expression.Parameter(principals.ElementType, "p");
        var any = Expression.Call(typeof(Queryable), nameof(Queryable.Any), [principals.ElementType], principals.Expression, Expression.Quote(Expression.Lambda(Match(fk, principal, dependent), principal)));
        var body = And(And(Exists(dependentType, step, dependent, 0), also?.Invoke(dependent)), any)!;
        var where = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [dependentType.ClrType], set.Expression, Expression.Quote(Expression.Lambda(body, dependent)));
        return set.Provider.CreateQuery(where);
    }

    private MethodCallExpression? AnyDependent(IForeignKey fk, Expression principal, Func<Expression, Expression?> inner)
    {
        var dependent = Expression.Parameter(fk.DeclaringEntityType.ClrType, "d" + fk.DeclaringEntityType.ClrType.Name);
        if (inner(dependent) is not { } condition)
        {
            return null;
        }

        var set = Rows(fk.DeclaringEntityType);
        return Expression.Call(typeof(Queryable), nameof(Queryable.Any), [fk.DeclaringEntityType.ClrType], set.Expression, Expression.Quote(Expression.Lambda(Expression.AndAlso(Match(fk, principal, dependent), condition), dependent)));
    }

    private MethodCallExpression? AnyPrincipal(IForeignKey fk, Expression dependent, Func<Expression, Expression?> inner)
    {
        var principal = Expression.Parameter(fk.PrincipalEntityType.ClrType, "p" + fk.PrincipalEntityType.ClrType.Name);
        if (inner(principal) is not { } condition)
        {
            return null;
        }

        var set = Rows(fk.PrincipalEntityType);
        return Expression.Call(typeof(Queryable), nameof(Queryable.Any), [fk.PrincipalEntityType.ClrType], set.Expression, Expression.Quote(Expression.Lambda(Expression.AndAlso(Match(fk, principal, dependent), condition), principal)));
    }

    private IQueryable Rows(IEntityType type)
    {
        var set = (IQueryable)SetMethod.MakeGenericMethod(type.ClrType).Invoke(_context, null)!;
        return (IQueryable)IgnoreFiltersMethod.MakeGenericMethod(type.ClrType).Invoke(null, [set])!;
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
                Expression.Convert(Expression.Call(EfProperty.MakeGenericMethod(column.ClrType), dependent, Expression.Constant(column.Name)), type),
                Expression.Convert(Expression.Call(EfProperty.MakeGenericMethod(key.ClrType), principal, Expression.Constant(key.Name)), type));
            match = match is null ? equal : Expression.AndAlso(match, equal);
        }

        return match!;
    }

    private static Expression? And(Expression? left, Expression? right)
        => left is null ? right : right is null ? left : Expression.AndAlso(left, right);

    private static Expression? Or(Expression? left, Expression? right)
        => left is null ? right : right is null ? left : Expression.OrElse(left, right);

    private static Task<long> Count(IQueryable rows, IEntityType type, CancellationToken cancellationToken)
        => (Task<long>)CountMethod.MakeGenericMethod(type.ClrType).Invoke(null, [rows, cancellationToken])!;

    private static Task<long> CountAsync<T>(IQueryable rows, CancellationToken cancellationToken)
        => ((IQueryable<T>)rows).LongCountAsync(cancellationToken);

    private static Task<int> AnonymizeAsync<T>(IQueryable rows, PersonalEntityDescriptor descriptor, IEntityType entityType, DateTime at, CancellationToken cancellationToken)
        where T : class
    {
        var anonymize = EntityAnonymizer<T>.Build(descriptor, entityType);
        var marker = entityType.FindProperty(RetentionAnnotationNames.AnonymizedAtProperty) is not null;
        if (anonymize is null && !marker)
        {
            return Task.FromResult(0);
        }

        return ((IQueryable<T>)rows).ExecuteUpdateAsync(
            s =>
            {
                anonymize?.Invoke(s);
                if (marker)
                {
                    s.SetProperty(e => EF.Property<DateTime?>(e, RetentionAnnotationNames.AnonymizedAtProperty), at);
                }
            },
            cancellationToken);
    }
}
