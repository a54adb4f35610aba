using System.Collections.Concurrent;

namespace DataGuard.Model;

/// <summary>
/// The per-type descriptor built from attributes, computed once and then served from a dictionary so that no per-row
/// path (masking, export, interceptors) reflects. An invalid type caches its errors and throws on every lookup.
/// </summary>
internal static class PersonalTypeCache
{
    private static readonly ConcurrentDictionary<Type, Entry> Entries = new();

    public static PersonalEntityDescriptor Get(Type type)
    {
        var entry = Entries.GetOrAdd(type, static t => Build(t));
        return entry.Descriptor ?? throw new DataGuardModelException(entry.Errors!);
    }

    private static Entry Build(Type type)
    {
        var errors = new List<string>();
        var descriptor = PersonalModelValidator.Validate(AttributeSpecReader.Read(type), errors);
        return new Entry(descriptor, errors.Count > 0 ? errors : null);
    }

    private sealed record Entry(PersonalEntityDescriptor? Descriptor, IReadOnlyList<string>? Errors);
}
