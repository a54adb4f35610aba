using System.Collections.Concurrent;
using System.Reflection;
using DataGuard.AspNetCore.Pages;
using DataGuard.Masking;
using DataGuard.Subjects;

namespace DataGuard.AspNetCore.Masking;

/// <summary>Whether an object belongs to a given data subject, by its subject property as the personal-data model
/// declares it (attribute or fluent API, see <see cref="DataMasker"/>).</summary>
internal sealed class SubjectOwnership(DataMasker masker)
{
    private readonly ConcurrentDictionary<Type, PropertyInfo?> _subjectProperties = new();

    public bool IsOwnedBy(object owner, string subjectId)
    {
        var property = _subjectProperties.GetOrAdd(
            owner.GetType(), static (t, m) => m.Describe(t).SubjectProperty is { } name ? t.GetProperty(name) : null, masker);
        return property?.GetValue(owner) switch
        {
            null => false,
            Guid id => Guid.TryParse(subjectId, out var claimed) && claimed == id,
            var value => string.Equals(SubjectId.From(value).Value, subjectId, StringComparison.Ordinal),
        };
    }
}
