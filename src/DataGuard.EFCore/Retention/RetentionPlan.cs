using System.Linq.Expressions;
using DataGuard.EFCore.Encryption;
using DataGuard.EFCore.Model;
using DataGuard.Model;
using DataGuard.Retention;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using static DataGuard.EFCore.Retention.EfExpressions;

namespace DataGuard.EFCore.Retention;

/// <summary>
/// The order of work of one retention run (its targets, dependents first) and what each step does to the rows of every
/// entity type, as SQL predicates read from the model's foreign keys. A step deletes the due rows of its entity that are
/// not held and that the database can delete without touching a row that must stay: no row under them (through
/// cascading foreign keys) is referred to by a foreign key that does not cascade, nor kept by a legal hold or a retention
/// minimum. Its deletes cascade to dependents, which are counted per entity type before each batch
/// (<see cref="RetentionDependents"/>).
/// <para>The predicates describe the database as it will be at a step: everything the steps from <see cref="Base"/> up to
/// that step delete (by their own policy or by cascade) is taken out (the cascade simulation is in
/// <c>RetentionPlan.Simulation.cs</c>). A real run sets <see cref="Base"/> to the step it works (the database already shows
/// the earlier ones) and looks ahead only where a step must know what later steps do; a dry run keeps it at 0 and so
/// simulates every step in order, which is why it counts what the real run then does.</para>
/// </summary>
internal sealed partial class RetentionPlan
{
    /// <summary>How deep foreign keys are followed; a cycle through several entity types stops here (the database's own
    /// check is the authority beyond).</summary>
    internal const int MaxDepth = 12;

    private readonly DbContext _context;
    private readonly DateTimeOffset[] _dueBefore;
    private readonly IReadOnlyCollection<string> _heldSubjects;
    private readonly HashSet<string> _heldEntities;
    private readonly Dictionary<IEntityType, PersonalEntityDescriptor> _descriptors = [];
    private readonly HashSet<IEntityType>[] _reach;
    private readonly RetentionPolicy[] _policies;

    public RetentionPlan(
        DbContext context,
        IReadOnlyList<RetentionTarget> targets,
        DateTimeOffset now,
        IReadOnlyList<LegalHoldRecord> holds,
        Func<RetentionTarget, RetentionPolicy>? policyFor = null)
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
                if (ForeignKeyQueries.Followed(fk) && fk.DeleteBehavior == DeleteBehavior.Cascade)
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
    public Expression? SubjectHeld(IEntityType entityType, Expression row)
        => SubjectMatch.In(entityType, _descriptors.GetValueOrDefault(entityType), row, _heldSubjects);

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
                if (!ForeignKeyQueries.Followed(fk) || fk.DeleteBehavior == DeleteBehavior.SetNull)
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
    /// <paramref name="step"/>) does to other rows: see <see cref="RetentionDependents"/>.</summary>
    public Task<List<DependentEffect>> DependentsAsync(
        IQueryable principals,
        IEntityType principalType,
        int step,
        DateTime? anonymizeAt,
        CancellationToken cancellationToken)
        => new RetentionDependents(this, step, anonymizeAt).FindAsync(principals, principalType, cancellationToken);

    /// <summary>The descriptor of an entity type with personal data, or null.</summary>
    public PersonalEntityDescriptor? Descriptor(IEntityType entityType) => _descriptors.GetValueOrDefault(entityType);

    /// <summary>The dependents (query filters off) that exist at <paramref name="step"/> and refer to one of
    /// <paramref name="principals"/> through <paramref name="fk"/>.</summary>
    public IQueryable Referencing(IQueryable principals, IForeignKey fk, int step, Func<Expression, Expression?>? also)
        => ForeignKeyQueries.Referencing(_context, principals, fk, d => And(Exists(fk.DeclaringEntityType, step, d, 0), also?.Invoke(d)));

    /// <summary>Whether the foreign key is the dependent's subject column and the dependent has values encrypted under
    /// the subject's key: setting it to null would leave those values in a row without a subject, unreadable.</summary>
    public static bool ClearsSubjectOfEncryptedValues(IReadOnlyForeignKey fk)
        => fk.DeclaringEntityType.GetProperties().Any(p => p.FindAnnotation(EncryptionAnnotationNames.SubjectEncrypted)?.Value is string subject
            && fk.Properties.Any(c => string.Equals(c.Name, subject, StringComparison.Ordinal)));
}
