using System.Reflection;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EntityFrameworkCore.Retention;

/// <summary>
/// One entity under a retention policy, with the set-based statements that apply it. Built once per EF Core model
/// (cached on it); the generic <see cref="EntityRetentionTarget{TEntity}"/> builds its queries from expression trees over
/// <c>EF.Property</c>, so nothing is reflected or compiled per row.
/// </summary>
internal abstract class RetentionTarget(PersonalEntityDescriptor descriptor)
{
    public string Name => descriptor.Name;

    public RetentionPolicy Policy => descriptor.Retention!;

    public bool HasSubject => descriptor.SubjectProperty is not null;

    /// <summary>Why the entity cannot be worked set-based, or <see langword="null"/> when it can.</summary>
    public abstract string? Problem { get; }

    /// <summary>Counts due rows (not yet anonymised); with <paramref name="subjects"/>, only those of these subjects.</summary>
    public abstract Task<long> CountDueAsync(DbContext context, DateTimeOffset dueBefore, IReadOnlyCollection<string>? subjects, CancellationToken cancellationToken);

    /// <summary>Deletes or anonymises up to <paramref name="batchSize"/> due rows of subjects not held, in one statement.</summary>
    public abstract Task<int> ApplyBatchAsync(DbContext context, DateTimeOffset dueBefore, IReadOnlyCollection<string> heldSubjects, int batchSize, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A page of the distinct subjects (canonical text) of due rows not held, in subject order; with the
    /// number of values the page read (a null subject is read but not returned), to tell the last page.</summary>
    public abstract Task<(IReadOnlyList<string> Subjects, int Read)> DueSubjectsAsync(DbContext context, DateTimeOffset dueBefore, IReadOnlyCollection<string> heldSubjects, int skip, int take, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="subjects"/> that still have rows dated at or after <paramref name="dueBefore"/>
    /// (for a retention minimum: rows the law keeps).</summary>
    public abstract Task<IReadOnlyList<string>> KeptSubjectsAsync(DbContext context, DateTimeOffset dueBefore, IReadOnlyCollection<string> subjects, CancellationToken cancellationToken);

    /// <summary>For a shredding policy: clears, in the due rows of <paramref name="subjects"/>, what destroying their keys
    /// does not reach (personal fields stored in clear, blind indexes).</summary>
    public abstract Task<int> ClearForShredAsync(DbContext context, DateTimeOffset dueBefore, IReadOnlyCollection<string> subjects, CancellationToken cancellationToken);

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
                ?? model.GetEntityTypes().First(e => string.Equals(DataGuard.EntityFrameworkCore.Model.EntityTypeSpecReader.DataGuardName(e), descriptor.Name, StringComparison.Ordinal));
            var type = typeof(EntityRetentionTarget<>).MakeGenericType(entityType.ClrType);
            targets.Add((RetentionTarget)Activator.CreateInstance(type, BindingFlags.Public | BindingFlags.Instance, null, [descriptor, entityType], null)!);
        }

        return targets;
    }
}
