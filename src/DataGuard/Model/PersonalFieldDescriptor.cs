using System.Reflection;
using DataGuard.Masking;

namespace DataGuard.Model;

/// <summary>A property that holds personal data, as resolved from <see cref="PersonalAttribute"/> or the fluent API.</summary>
public sealed class PersonalFieldDescriptor
{
    internal PersonalFieldDescriptor(
        string name,
        Type clrType,
        PersonalCategory category,
        bool encrypted,
        bool searchable,
        MaskStyle mask,
        PropertyInfo? property)
    {
        Name = name;
        ClrType = clrType;
        Category = category;
        Encrypted = encrypted;
        Searchable = searchable;
        Mask = mask;
        Property = property;
    }

    /// <summary>The property name.</summary>
    public string Name { get; }

    /// <summary>The property's CLR type.</summary>
    public Type ClrType { get; }

    /// <summary>What kind of personal data the property holds.</summary>
    public PersonalCategory Category { get; }

    /// <summary>Whether the category is a special category (GDPR Art. 9) or criminal-offence data (Art. 10).</summary>
    public bool IsSpecialCategory => Category.IsSpecial();

    /// <summary>Whether the value is encrypted at rest.</summary>
    public bool Encrypted { get; }

    /// <summary>Whether the value can be found by equality through a blind index.</summary>
    public bool Searchable { get; }

    /// <summary>The effective mask: the declared one, or the category's default.</summary>
    public MaskStyle Mask { get; }

    /// <summary>The reflected property, when the field is backed by one.</summary>
    internal PropertyInfo? Property { get; }
}
