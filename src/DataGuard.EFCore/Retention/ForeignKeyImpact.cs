using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Retention;

/// <summary>
/// What deleting a set of rows would do to the rows that still refer to them, read from the model's foreign keys before
/// anything is deleted: rows the database would delete by cascade (counted, so the report says what the database did),
/// and rows whose foreign key restricts the delete (so the caller keeps or anonymises instead of meeting a raw provider
/// exception). Every query ignores the application's query filters. Cascades are followed to any depth; ownership
/// (owned types travel with their owner's row) and self-references (a row set may contain both ends; the statement
/// deletes them together) are not followed. Set-null foreign keys only clear a column and delete nothing.
/// </summary>
internal static class ForeignKeyImpact
{
    /// <summary>Follows the foreign keys that refer to <paramref name="entityType"/> from the rows of <paramref name="rows"/>.</summary>
    /// <returns>Per entity type the rows a cascade would delete, and the entity types whose rows restrict the delete.</returns>
    public static async Task<(List<(string Entity, long Rows)> Cascaded, List<string> Restricting)> AnalyzeAsync(
        DbContext context,
        IQueryable rows,
        IEntityType entityType,
        CancellationToken cancellationToken)
    {
        var cascaded = new List<(string Entity, long Rows)>();
        var restricting = new List<string>();
        await VisitAsync(context, rows, entityType, 0, (cascaded, restricting), cancellationToken).ConfigureAwait(false);
        return (cascaded, restricting);
    }

    private static async Task VisitAsync(
        DbContext context,
        IQueryable principals,
        IEntityType principalType,
        int depth,
        (List<(string, long)> Cascaded, List<string> Restricting) found,
        CancellationToken cancellationToken)
    {
        if (depth > 16)
        {
            return; // a cascade cycle through several entity types: the statement itself is the authority beyond this
        }

        foreach (var fk in principalType.GetReferencingForeignKeys())
        {
            if (fk.IsOwnership
                || fk.DeclaringEntityType == principalType
                || fk.DeclaringEntityType.IsOwned()
                || fk.DeclaringEntityType.FindPrimaryKey() is null)
            {
                continue;
            }

            if (fk.DeleteBehavior == DeleteBehavior.SetNull)
            {
                continue; // the database clears the column; ClientSetNull and ClientCascade leave the database to refuse
            }

            var dependents = ForeignKeyQueries.Referencing(context, principals, fk, null);
            var count = await EfExpressions.CountAsync(dependents, fk.DeclaringEntityType, cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                continue;
            }

            var name = fk.DeclaringEntityType.DisplayName();
            if (fk.DeleteBehavior is DeleteBehavior.Cascade)
            {
                found.Cascaded.Add((name, count));
                await VisitAsync(context, dependents, fk.DeclaringEntityType, depth + 1, found, cancellationToken).ConfigureAwait(false);
            }
            else if (!found.Restricting.Contains(name, StringComparer.Ordinal))
            {
                found.Restricting.Add(name);
            }
        }
    }
}
