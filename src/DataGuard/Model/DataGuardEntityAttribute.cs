namespace DataGuard.Model;

/// <summary>
/// Gives an entity type its DataGuard name: the identity its encrypted values and blind indexes are bound to (in the
/// associated data and the blind-index key derivation), and the name it has in audit entries, legal holds, the data
/// map and export packages (<c>data/&lt;name&gt;.json</c>). Without it the name is the type's name (with EF Core, the
/// entity type's display name), so two types of the same name in different namespaces collide, which DataGuard refuses
/// at start-up. Naming a type also lets the class be renamed or moved without making its stored values unreadable.
/// </summary>
/// <remarks>Not inherited: every type of a hierarchy has its own name. Values already stored under the default name
/// are readable only under that name: name a type before its first encrypted value is written, or keep the default
/// name (the type's name) for the type whose values exist and name the other one.</remarks>
/// <example><code>[DataGuardEntity("crm.contact")]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DataGuardEntityAttribute : Attribute
{
    /// <summary>Names the entity type.</summary>
    /// <param name="name">Letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100 characters.</param>
    public DataGuardEntityAttribute(string name) => Name = name;

    /// <summary>The entity type's DataGuard name.</summary>
    public string Name { get; }
}
