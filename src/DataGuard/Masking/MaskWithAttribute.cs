using DataGuard.Model;

namespace DataGuard.Masking;

/// <summary>
/// Masks a <see cref="PersonalAttribute"/> property with a custom <see cref="IMasker"/> registered under
/// <see cref="Name"/> (<c>AddMasker(name, masker)</c>) instead of its <see cref="MaskStyle"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class MaskWithAttribute : Attribute
{
    /// <summary>Selects the custom masker registered under <paramref name="name"/>.</summary>
    /// <param name="name">The masker's registered name (case-insensitive).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public MaskWithAttribute(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The masker's registered name.</summary>
    public string Name { get; }
}
