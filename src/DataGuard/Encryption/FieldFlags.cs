namespace DataGuard.Encryption;

/// <summary>The flags byte of the stored format.</summary>
internal static class FieldFlags
{
    /// <summary>Encrypted with a key from the key ring.</summary>
    public const byte RingKey = 0;

    /// <summary>Encrypted with the data subject's own key (crypto-shredding).</summary>
    public const byte SubjectKey = 1;

    /// <summary>With <see cref="SubjectKey"/>: the associated data also binds the row's primary key (row binding), so a
    /// value swapped with another row of the same subject fails.</summary>
    public const byte RowBound = 2;
}
