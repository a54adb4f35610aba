namespace DataGuard.Analyzers;

/// <summary>What DataGuard knows about a personal property, from its <c>[Personal]</c> attribute or the fluent
/// <c>IsPersonal()</c>.</summary>
internal sealed class PersonalProperty
{
    public PersonalProperty(bool encrypt, bool searchable, string? mask)
    {
        Encrypt = encrypt;
        Searchable = searchable;
        Mask = mask;
    }

    public bool Encrypt { get; }

    public bool Searchable { get; }

    /// <summary>The <c>MaskStyle</c> member name, or null for the category's default.</summary>
    public string? Mask { get; }
}
