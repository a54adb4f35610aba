using System.Linq.Expressions;
using System.Reflection;
using DataGuard.Model;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Retention;

/// <summary>Conditions on a row's subject, from canonical subject ids: the ids are parsed into the subject column's type
/// (an id that does not parse, a Guid hold against an int subject, cannot match a row and is left out).</summary>
internal static class SubjectMatch
{
    private static readonly MethodInfo ContainsMethod = typeof(SubjectMatch).GetMethod(nameof(Contains), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The ids of <paramref name="subjects"/> that parse into <typeparamref name="T"/>.</summary>
    public static List<T> Values<T>(IReadOnlyCollection<string> subjects)
    {
        var values = new List<T>(subjects.Count);
        foreach (var subject in subjects)
        {
            if (SubjectValue.Parse(typeof(T), subject) is { } parsed)
            {
                values.Add((T)parsed);
            }
        }

        return values;
    }

    /// <summary>Rows whose subject (their own subject column, or the end of their subject path) is one of
    /// <paramref name="subjects"/>; null when the entity has no subject.</summary>
    public static Expression? In(IEntityType type, PersonalEntityDescriptor? descriptor, Expression row, IReadOnlyCollection<string> subjects)
    {
        if (subjects.Count == 0 || descriptor is null)
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

            owner = EfExpressions.Property(owner, navigation.ClrType, steps[i]);
            current = navigation.TargetEntityType;
        }

        return current.FindProperty(steps[^1]) is { } column
            ? (Expression)ContainsMethod.MakeGenericMethod(column.ClrType).Invoke(null, [subjects, owner, column.Name])!
            : null;
    }

    /// <summary><c>values.Contains(EF.Property&lt;T&gt;(row, property))</c> over the subjects that parse into the column's
    /// type.</summary>
    private static MethodCallExpression Contains<T>(IReadOnlyCollection<string> subjects, Expression row, string property)
    {
        var values = Values<T>(subjects);
        Expression<Func<List<T>>> box = () => values;
        return Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(T)], box.Body, EfExpressions.Property(row, typeof(T), property));
    }
}
