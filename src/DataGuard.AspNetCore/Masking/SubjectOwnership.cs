using System.Collections.Concurrent;
using System.Reflection;
using DataGuard.Model;

namespace DataGuard.AspNetCore.Masking;

/// <summary>Whether an object belongs to a given data subject, by its <see cref="DataSubjectAttribute"/> property.</summary>
internal static class SubjectOwnership
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> SubjectProperties = new();

    public static bool IsOwnedBy(object owner, string subjectId)
    {
        var property = SubjectProperties.GetOrAdd(owner.GetType(), static t => PersonalTypeCache.Get(t).SubjectProperty is { } name ? t.GetProperty(name) : null);
        return property?.GetValue(owner) switch
        {
            null => false,
            Guid id => Guid.TryParse(subjectId, out var claimed) && claimed == id,
            var value => string.Equals(SubjectId.From(value).Value, subjectId, StringComparison.Ordinal),
        };
    }
}
