using System.Reflection;
using DataGuard.Masking;

namespace DataGuard.Model;

/// <summary>A property that holds personal data, as resolved from <see cref="PersonalAttribute"/> or the fluent API.</summary>
public sealed class PersonalFieldDescriptor
{
    /// <summary>Describes the validated <paramref name="property"/> as its <paramref name="personal"/> annotation
    /// declares it, with its effective <paramref name="mask"/>.</summary>
    internal PersonalFieldDescriptor(PersonalPropertySpec property, PersonalAttribute personal, MaskStyle mask)
    {
        Name = property.Name;
        ClrType = property.ClrType;
        Category = personal.Category;
        Encrypted = personal.Encrypt;
        Searchable = personal.Searchable;
        Mask = mask;
        Property = property.Property;
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
