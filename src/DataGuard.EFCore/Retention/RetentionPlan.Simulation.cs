using System.Linq.Expressions;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using static DataGuard.EFCore.Retention.EfExpressions;

namespace DataGuard.EFCore.Retention;

/// <summary>The cascade simulation of a <see cref="RetentionPlan"/>: which rows of an entity type still exist at a step,
/// which rows a step removes (by its own policy or by cascade), and which rows restrict or must survive a delete, each
/// as a predicate that follows the model's foreign keys up to <see cref="MaxDepth"/>.</summary>
internal sealed partial class RetentionPlan
{
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
            if (ForeignKeyQueries.Followed(fk) && fk.DeleteBehavior == DeleteBehavior.Cascade && _reach[j].Contains(fk.PrincipalEntityType))
            {
                removed = Or(removed, ForeignKeyQueries.AnyPrincipal(_context, fk, row, p => RemovedBy(j, fk.PrincipalEntityType, p, depth + 1)));
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
            if (!ForeignKeyQueries.Followed(fk) || fk.DeleteBehavior == DeleteBehavior.SetNull)
            {
                continue; // set-null only clears a column
            }

            var dependentType = fk.DeclaringEntityType;
            any = Or(any, fk.DeleteBehavior == DeleteBehavior.Cascade
                ? ForeignKeyQueries.AnyDependent(
                    _context,
                    fk,
                    row,
                    d => Restricted(dependentType, step, d, depth + 1, only) is { } below ? And(Exists(dependentType, step, d, depth + 1), below) : null)
                : only is null || only == dependentType
                    ? ForeignKeyQueries.AnyDependent(
                        _context, fk, row, d => (Expression?)Exists(dependentType, step, d, depth + 1) ?? Expression.Constant(true))
                    : null);
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
            if (ForeignKeyQueries.Followed(fk) && fk.DeleteBehavior == DeleteBehavior.Cascade)
            {
                var dependentType = fk.DeclaringEntityType;
                any = Or(
                    any,
                    ForeignKeyQueries.AnyDependent(
                        _context,
                        fk,
                        row,
                        d => Or(KeptSelf(dependentType, d), KeptBelow(dependentType, step, d, depth + 1)) is { } kept
                            ? And(Exists(dependentType, step, d, depth + 1), kept)
                            : null));
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
    public UnaryExpression? NotAnonymizedBefore(IEntityType type, int step, Expression row)
    {
        Expression? done = type.FindProperty(RetentionAnnotationNames.AnonymizedAtProperty) is null
            ? null
            : Expression.NotEqual(
                Property(row, typeof(DateTime?), RetentionAnnotationNames.AnonymizedAtProperty), Expression.Constant(null, typeof(DateTime?)));
        for (var i = Base; i < step; i++)
        {
            if (Targets[i] is { Problem: null, Policy.Then: RetentionAction.Anonymize } anonymizing && anonymizing.EntityType == type)
            {
                done = Or(done, Works(i, row));
            }
        }

        return done is null ? null : Expression.Not(done);
    }
}
