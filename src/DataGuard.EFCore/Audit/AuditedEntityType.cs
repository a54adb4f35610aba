using System.Globalization;
using DataGuard.Audit;
using DataGuard.Masking;
using DataGuard.Model;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Audit;

/// <summary>What the SaveChanges interceptor needs to know about one entity type, computed once per EF Core entity
/// type so that no row reflects or searches the model.</summary>
internal sealed class AuditedEntityType
{
    private readonly IProperty[] _key;
    private readonly IProperty? _subject;
    private readonly IProperty[] _personal;
    private readonly IMasker[]? _maskers;

    /// <param name="entityType">The EF Core entity type.</param>
    /// <param name="descriptor">Its personal-data description.</param>
    /// <param name="masker">Set when masked old/new values are recorded: each personal property's masker is looked up
    /// once here.</param>
    public AuditedEntityType(IEntityType entityType, PersonalEntityDescriptor descriptor, DataMasker? masker)
    {
        Name = descriptor.Name;
        Path = AuditSubjectPath.Of(entityType, descriptor);
        Ownership = descriptor.IsReachableBySubject ? null : entityType.FindOwnership();
        _key = entityType.FindPrimaryKey()?.Properties.ToArray() ?? [];
        _subject = descriptor.SubjectProperty is { } subject ? entityType.FindProperty(subject) : null;
        var fields = descriptor.Fields.Select(f => (Field: f, Property: entityType.FindProperty(f.Name))).Where(f => f.Property is not null).ToArray();
        _personal = fields.Select(f => f.Property!).ToArray();
        _maskers = masker is null ? null : fields.Select(f => masker.GetMasker(descriptor, f.Field)).ToArray();
        AllPersonal = _personal.Length == 0 ? null : _personal.Select(p => p.Name).ToArray();
    }

    public string Name { get; }

    /// <summary>The subject path of an entity without a subject property of its own, or null.</summary>
    public AuditSubjectPath? Path { get; }

    /// <summary>The ownership of an owned type without a subject of its own: its changes carry its owner's subject.</summary>
    public IForeignKey? Ownership { get; }

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

    /// <summary>The masked old and new values of the personal properties an insert, update or delete touches, or
    /// <see langword="null"/> when masked values are not recorded. Read before saving: afterwards the original values
    /// are gone. Values are masked from the tracked (decrypted) value, so neither plaintext nor ciphertext is kept.</summary>
    public IReadOnlyList<AuditValueChange>? MaskedChanges(EntityEntry entry)
    {
        if (_maskers is null)
        {
            return null;
        }

        List<AuditValueChange>? changes = null;
        for (var i = 0; i < _personal.Length; i++)
        {
            var property = entry.Property(_personal[i]);
            var (before, after) = entry.State switch
            {
                EntityState.Modified when property.IsModified => (property.OriginalValue, property.CurrentValue),
                EntityState.Added => (null, property.CurrentValue),
                EntityState.Deleted => (property.OriginalValue, null),
                _ => (null, null),
            };
            if (before is null && after is null)
            {
                continue;
            }

            (changes ??= []).Add(new AuditValueChange(
                _personal[i].Name, DataMasker.MaskObject(before, _maskers[i]), DataMasker.MaskObject(after, _maskers[i])));
        }

        return changes;
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
