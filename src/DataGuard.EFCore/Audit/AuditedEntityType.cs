using System.Globalization;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EntityFrameworkCore.Audit;

/// <summary>What the SaveChanges interceptor needs to know about one entity type, computed once per EF Core entity
/// type so that no row reflects or searches the model.</summary>
internal sealed class AuditedEntityType
{
    private readonly IProperty[] _key;
    private readonly IProperty? _subject;
    private readonly IProperty[] _personal;

    public AuditedEntityType(IEntityType entityType, PersonalEntityDescriptor descriptor)
    {
        Name = descriptor.Name;
        _key = entityType.FindPrimaryKey()?.Properties.ToArray() ?? [];
        _subject = descriptor.SubjectProperty is { } subject ? entityType.FindProperty(subject) : null;
        _personal = descriptor.Fields.Select(f => entityType.FindProperty(f.Name)).OfType<IProperty>().ToArray();
        AllPersonal = _personal.Length == 0 ? null : _personal.Select(p => p.Name).ToArray();
    }

    public string Name { get; }

    /// <summary>Every personal property name: what an insert or a delete touches.</summary>
    public IReadOnlyList<string>? AllPersonal { get; }

    public bool HasTemporaryValues(EntityEntry entry)
    {
        foreach (var property in _key)
        {
            if (entry.Property(property).IsTemporary)
            {
                return true;
            }
        }

        return _subject is not null && entry.Property(_subject).IsTemporary;
    }

    public IReadOnlyList<string>? ModifiedPersonal(EntityEntry entry)
    {
        List<string>? modified = null;
        foreach (var property in _personal)
        {
            if (entry.Property(property).IsModified)
            {
                (modified ??= []).Add(property.Name);
            }
        }

        return modified;
    }

    public string? Key(EntityEntry entry)
    {
        if (_key.Length == 0)
        {
            return null;
        }

        if (_key.Length == 1)
        {
            return Text(entry.Property(_key[0]).CurrentValue);
        }

        return string.Join(',', _key.Select(p => Text(entry.Property(p).CurrentValue)));
    }

    public string? Subject(EntityEntry entry)
        => _subject is not null && entry.Property(_subject).CurrentValue is { } value ? SubjectId.From(value).Value : null;

    private static string? Text(object? value) => value switch
    {
        null => null,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
