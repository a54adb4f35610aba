using System.Linq.Expressions;
using System.Reflection;
using DataGuard.EFCore.Model;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Retention;

/// <summary>
/// One entity under a retention policy, with the set-based statements that apply it. Built once per EF Core model
/// (cached on it); the generic <see cref="EntityRetentionTarget{TEntity}"/> builds its queries from expression trees over
/// <c>EF.Property</c>, so nothing is reflected or compiled per row.
/// </summary>
internal abstract class RetentionTarget(PersonalEntityDescriptor descriptor, IEntityType entityType)
{
    public IEntityType EntityType => entityType;

    public string Name => descriptor.Name;

    public RetentionPolicy Policy => descriptor.Retention!;

    public bool HasSubject => descriptor.SubjectProperty is not null;

    /// <summary>Why the entity cannot be worked set-based, or <see langword="null"/> when it can.</summary>
    public abstract string? Problem { get; }

    /// <summary>Counts due rows (not yet anonymised); with <paramref name="subjects"/>, only those of these subjects.</summary>
    public abstract Task<long> CountDueAsync(
        DbContext context,
        DateTimeOffset dueBefore,
        IReadOnlyCollection<string>? subjects,
        CancellationToken cancellationToken);

    /// <summary><c>row</c> is due: dated before <paramref name="dueBefore"/> and, for policies that mark anonymised rows,
    /// not marked yet.</summary>
    public abstract Expression Due(DbContext context, DateTimeOffset dueBefore, Expression row);

    /// <summary><c>row</c> is dated at or after <paramref name="dueBefore"/> (for a retention minimum: the law keeps it).</summary>
    public abstract Expression NotDue(DbContext context, DateTimeOffset dueBefore, Expression row);

    /// <summary>Counts the rows (query filters off) that <paramref name="filter"/> (over the entity type) selects.</summary>
    public abstract Task<long> CountAsync(DbContext context, LambdaExpression filter, CancellationToken cancellationToken);

    /// <summary>The next batch: up to <paramref name="batchSize"/> rows that <paramref name="filter"/> selects, in key order.</summary>
    public abstract IQueryable Batch(DbContext context, LambdaExpression filter, int batchSize);

    /// <summary>Deletes or anonymises (by the policy) the rows of a <see cref="Batch"/>, in one statement.</summary>
    public abstract Task<int> ApplyAsync(IQueryable batch, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>For a shredding policy: due rows without a subject (no key to destroy).</summary>
    public abstract Task<long> CountDueWithoutSubjectAsync(DbContext context, DateTimeOffset dueBefore, CancellationToken cancellationToken);

    /// <summary>For a shredding policy: anonymises up to <paramref name="batchSize"/> due rows without a subject.</summary>
    public abstract Task<int> AnonymizeDueWithoutSubjectAsync(
        DbContext context,
        DateTimeOffset dueBefore,
        int batchSize,
        DateTimeOffset now,
        CancellationToken cancellationToken);

    /// <summary>A page of the distinct subjects (canonical text) of due rows not held, in subject order; with the
    /// number of values the page read (a null subject is read but not returned), to tell the last page.</summary>
    public abstract Task<(IReadOnlyList<string> Subjects, int Read)> DueSubjectsAsync(
        DbContext context,
        DateTimeOffset dueBefore,
        IReadOnlyCollection<string> heldSubjects,
        int skip,
        int take,
        CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="subjects"/> that still have rows dated at or after <paramref name="dueBefore"/>
    /// (for a retention minimum: rows the law keeps).</summary>
    public abstract Task<IReadOnlyList<string>> KeptSubjectsAsync(
        DbContext context,
        DateTimeOffset dueBefore,
        IReadOnlyCollection<string> subjects,
        CancellationToken cancellationToken);

    /// <summary>For a shredding policy: clears, in the due rows of <paramref name="subjects"/>, what destroying their keys
    /// does not reach (personal fields stored in clear, blind indexes).</summary>
    public abstract Task<int> ClearForShredAsync(
        DbContext context,
        DateTimeOffset dueBefore,
        IReadOnlyCollection<string> subjects,
        CancellationToken cancellationToken);

    public static IReadOnlyList<RetentionTarget> For(IModel model)
        => model.GetOrAddRuntimeAnnotationValue(RetentionAnnotationNames.Targets, static m => Build(m!), model);

    private static List<RetentionTarget> Build(IModel model)
    {
        var targets = new List<RetentionTarget>();
        foreach (var descriptor in model.GetPersonalDataModel().Entities)
        {
            if (descriptor.Retention is null)
            {
                continue;
            }

            var entityType = model.FindEntityType(descriptor.ClrType)
                ?? model.GetEntityTypes()
                    .First(e => string.Equals(DataGuard.EFCore.Model.EntityTypeSpecReader.DataGuardName(e), descriptor.Name, StringComparison.Ordinal));
            var type = typeof(EntityRetentionTarget<>).MakeGenericType(entityType.ClrType);
            targets.Add((RetentionTarget)Activator.CreateInstance(type, BindingFlags.Public | BindingFlags.Instance, null, [descriptor, entityType], null)!);
        }

        return DependentsFirst(targets);
    }

    /// <summary>Orders the targets so that an entity comes before every entity its foreign keys point to, so a purge
    /// of dependents runs before the purge of their principals (which would otherwise cascade to them uncounted, or be
    /// refused). Ties keep the model's order; on a cycle (or a self-reference) the entities on it keep the order in which
    /// the walk meets them: the foreign-key check before each delete still protects what a cycle would break.</summary>
    internal static List<RetentionTarget> DependentsFirst(List<RetentionTarget> targets)
    {
        var ordered = new List<RetentionTarget>(targets.Count);
        var visited = new HashSet<RetentionTarget>();
        foreach (var target in targets)
        {
            Visit(target);
        }

        return ordered;

        // Post-order over "is referenced by": every dependent is placed before its principal, also when the foreign
        // keys between them pass through entity types without a policy (their rows are deleted by the cascade).
        void Visit(RetentionTarget target)
        {
            if (!visited.Add(target))
            {
                return;
            }

            var seen = new HashSet<IEntityType> { target.EntityType };
            var pending = new Stack<IEntityType>([target.EntityType]);
            while (pending.TryPop(out var type))
            {
                foreach (var fk in type.GetReferencingForeignKeys())
                {
                    if (!seen.Add(fk.DeclaringEntityType))
                    {
                        continue;
                    }

                    if (targets.FirstOrDefault(t => t.EntityType == fk.DeclaringEntityType) is { } dependent)
                    {
                        Visit(dependent);
                    }
                    else
                    {
                        pending.Push(fk.DeclaringEntityType);
                    }
                }
            }

            ordered.Add(target);
        }
    }
}
