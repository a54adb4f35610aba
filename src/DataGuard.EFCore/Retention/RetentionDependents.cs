using System.Reflection;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Retention;

/// <summary>What deleting a set of principals at one step of a <see cref="RetentionPlan"/> does to other rows: per
/// entity type, the rows the database deletes by cascade and the rows whose subject column it sets to null while they
/// hold values encrypted under that subject's key. The latter are anonymised first when an instant is given (a real
/// run), so no row is left with values that no key can be found for.</summary>
internal sealed class RetentionDependents(RetentionPlan plan, int step, DateTime? anonymizeAt)
{
    private static readonly MethodInfo AnonymizeMethod = typeof(RetentionDependents).GetMethod(
        nameof(AnonymizeAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly List<DependentEffect> _effects = [];

    public async Task<List<DependentEffect>> FindAsync(IQueryable principals, IEntityType principalType, CancellationToken cancellationToken)
    {
        await VisitAsync(principals, principalType, 0, cancellationToken).ConfigureAwait(false);
        return _effects;
    }

    private async Task VisitAsync(IQueryable rows, IEntityType type, int depth, CancellationToken cancellationToken)
    {
        if (depth > RetentionPlan.MaxDepth)
        {
            return;
        }

        foreach (var fk in type.GetReferencingForeignKeys())
        {
            if (!ForeignKeyQueries.Followed(fk))
            {
                continue;
            }

            var dependentType = fk.DeclaringEntityType;
            if (fk.DeleteBehavior == DeleteBehavior.Cascade)
            {
                var dependents = plan.Referencing(rows, fk, step, null);
                var count = await EfExpressions.CountAsync(dependents, dependentType, cancellationToken).ConfigureAwait(false);
                if (count > 0)
                {
                    _effects.Add(new DependentEffect(dependentType, type, count, Deleted: true));
                    await VisitAsync(dependents, dependentType, depth + 1, cancellationToken).ConfigureAwait(false);
                }
            }
            else if (fk.DeleteBehavior == DeleteBehavior.SetNull
                && RetentionPlan.ClearsSubjectOfEncryptedValues(fk)
                && plan.Descriptor(dependentType) is { } descriptor)
            {
                var dependents = plan.Referencing(rows, fk, step, row => plan.NotAnonymizedBefore(dependentType, step, row));
                var count = anonymizeAt is { } at
                    ? await ((Task<int>)AnonymizeMethod.MakeGenericMethod(dependentType.ClrType)
                        .Invoke(null, [dependents, descriptor, dependentType, at, cancellationToken])!).ConfigureAwait(false)
                    : await EfExpressions.CountAsync(dependents, dependentType, cancellationToken).ConfigureAwait(false);
                if (count > 0)
                {
                    _effects.Add(new DependentEffect(dependentType, type, count, Deleted: false));
                }
            }
        }
    }

    private static Task<int> AnonymizeAsync<T>(
        IQueryable rows,
        PersonalEntityDescriptor descriptor,
        IEntityType entityType,
        DateTime at,
        CancellationToken cancellationToken)
        where T : class
    {
        var anonymize = EntityAnonymizer<T>.Build(descriptor, entityType);
        var marker = entityType.FindProperty(RetentionAnnotationNames.AnonymizedAtProperty) is not null;
        return anonymize is null && !marker
            ? Task.FromResult(0)
            : EntityAnonymizer<T>.ApplyAsync((IQueryable<T>)rows, anonymize, marker, at, cancellationToken);
    }
}
