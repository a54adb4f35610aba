namespace DataGuard.Encryption;

/// <summary>The flags byte of the stored format.</summary>
internal static class FieldFlags
{
    /// <summary>Encrypted with a key from the key ring.</summary>
    public const byte RingKey = 0;

    /// <summary>Encrypted with the data subject's own key (crypto-shredding).</summary>
    public const byte SubjectKey = 1;

    /// <summary>The associated data also binds the row's primary key (row binding), so a value swapped with another row
    /// of the same column (and, with <see cref="SubjectKey"/>, of the same subject) fails. Alone (flags 2) the key is a
    /// ring key; with <see cref="SubjectKey"/> (flags 3) the subject's key.</summary>
    public const byte RowBound = 2;
}
