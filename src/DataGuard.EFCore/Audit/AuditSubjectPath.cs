using DataGuard.Model;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Audit;

/// <summary>
/// Finds the subject of an entity reached only through a subject path (<c>HasSubjectPath(l =&gt; l.Order.CustomerId)</c>)
/// at save time. The path is walked through tracked entities as far as they go; where a principal is not tracked, the
/// foreign key's values name it and the rest of the path is read from the database — batched per save and per step by
/// <see cref="AuditSubjectPathResolver"/>, so a save of many rows costs one query per step, not one per row.
/// </summary>
internal sealed class AuditSubjectPath
{
    private readonly INavigation[] _navigations;
    private readonly IProperty _subject;
    private readonly AuditSubjectPathLookup?[] _lookups;

    private AuditSubjectPath(INavigation[] navigations, IProperty subject)
    {
        _navigations = navigations;
        _subject = subject;
        _lookups = new AuditSubjectPathLookup?[navigations.Length];
    }

    /// <summary>The path of <paramref name="descriptor"/>, or null when it has none (the model validated it at start-up).</summary>
    public static AuditSubjectPath? Of(IEntityType entityType, PersonalEntityDescriptor descriptor)
    {
        if (descriptor.SubjectProperty is not null || descriptor.SubjectPath is not { } path)
        {
            return null;
        }

        var steps = path.Split('.');
        var navigations = new INavigation[steps.Length - 1];
        var current = entityType;
        for (var i = 0; i < navigations.Length; i++)
        {
            navigations[i] = current.FindNavigation(steps[i])!;
            current = navigations[i].TargetEntityType;
        }

        return new AuditSubjectPath(navigations, current.FindProperty(steps[^1])!);
    }

    /// <summary>Walks the tracked graph from <paramref name="entry"/>.</summary>
    public AuditSubjectPathStep Walk(EntityEntry entry)
    {
        var current = entry;
        for (var i = 0; i < _navigations.Length; i++)
        {
            var navigation = _navigations[i];
            if (current.Reference(navigation.Name).TargetEntry is { } target)
            {
                current = target;
                continue;
            }

            if (!navigation.IsOnDependent)
            {
                // The principal side of a one-to-one whose dependent is not tracked: no key on this row names it.
                return AuditSubjectPathStep.Found(null);
            }

            var properties = navigation.ForeignKey.Properties;
            var values = new object[properties.Count];
            for (var k = 0; k < properties.Count; k++)
            {
                var property = current.Property(properties[k]);
                if (property.IsTemporary)
                {
                    return AuditSubjectPathStep.AfterSave;
                }

                if (property.CurrentValue is not { } value)
                {
                    return AuditSubjectPathStep.Found(null); // an optional relationship without a principal
                }

                values[k] = value;
            }

            return AuditSubjectPathStep.Lookup(this, i, values.Length == 1 ? values[0] : new CompositeKey(values));
        }

        var subject = current.Property(_subject);
        if (subject.IsTemporary)
        {
            return AuditSubjectPathStep.AfterSave;
        }

        return AuditSubjectPathStep.Found(subject.CurrentValue is { } id ? SubjectId.From(id).Value : null);
    }

    /// <summary>The query that reads the whole path from the entity itself, by its own key (read-access audit: the
    /// entity's foreign keys may be shadow properties, its key is on the instance).</summary>
    public AuditSubjectPathLookup LookupFromEntity(IKey key) => AuditSubjectPathLookup.Create(key, _navigations.Select(static n => n.Name).ToArray(), _subject);

    /// <summary>The query that reads the rest of the path from the principal reached at <paramref name="step"/>.</summary>
    public AuditSubjectPathLookup LookupAt(int step)
        => _lookups[step] ??= AuditSubjectPathLookup.Create(
            _navigations[step].ForeignKey.PrincipalKey, _navigations.Skip(step + 1).Select(n => n.Name).ToArray(), _subject);
}
