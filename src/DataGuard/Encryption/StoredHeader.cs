namespace DataGuard.Encryption;

/// <summary>
/// The header of a stored value (<see cref="FieldFormat"/>), read and checked in one place for every decrypt path: the
/// column's own (<see cref="ProtectedColumn"/>) and the per-row readers of subject keys and row binding. A value whose
/// header cannot be read is not DataGuard's; one with another format version fails, naming the version.
/// </summary>
/// <param name="Flags">The flags byte (<see cref="FieldFlags"/>).</param>
/// <param name="KeyId">The id of the key the value is encrypted under.</param>
internal readonly record struct StoredHeader(byte Flags, int KeyId)
{
    /// <summary>Whether the value is under a data subject's key (flags 1 or 3), not the ring's.</summary>
    public bool SubjectKey => (Flags & FieldFlags.SubjectKey) != 0;

    /// <summary>Whether the associated data names the value's row too (flags 2 or 3).</summary>
    public bool RowBound => (Flags & FieldFlags.RowBound) != 0;

    /// <summary>Whether the flags are ones this version of DataGuard writes (0 to 3).</summary>
    public bool KnownFlags => (Flags & ~(FieldFlags.SubjectKey | FieldFlags.RowBound)) == 0;

    /// <summary>Reads the header of a binary stored value long enough to hold the whole format.</summary>
    /// <returns><see langword="false"/> when the value is too short to be DataGuard's (truncated or not encrypted).</returns>
    /// <exception cref="DataGuardCryptoException">The value has a format version this version does not read.</exception>
    public static bool TryRead(ReadOnlySpan<byte> stored, ProtectedColumn column, out StoredHeader header)
    {
        if (!TryParse(stored, out var version, out header))
        {
            return false;
        }

        return version == FieldFormat.Version1 ? true : throw column.Fail(VersionMessage(version), header.KeyId);
    }

    /// <summary>Reads the header of the text form (<c>dg:</c> plus base64) without decoding the rest.</summary>
    /// <returns><see langword="false"/> when the text does not start with DataGuard's prefix and a base64 header.</returns>
    /// <exception cref="DataGuardCryptoException">The value has a format version this version does not read.</exception>
    public static bool TryReadText(string stored, ProtectedColumn column, out StoredHeader header)
    {
        if (!FieldFormat.TryReadTextHeader(stored, out var version, out var flags, out var keyId))
        {
            header = default;
            return false;
        }

        header = new StoredHeader(flags, keyId);
        return version == FieldFormat.Version1 ? true : throw column.Fail(VersionMessage(version), keyId);
    }

    /// <summary>Reads a binary header without judging it: whether the value is long enough, its version and header.</summary>
    public static bool TryParse(ReadOnlySpan<byte> stored, out byte version, out StoredHeader header)
    {
        var read = FieldFormat.TryReadHeader(stored, out version, out var flags, out var keyId) && stored.Length >= FieldFormat.Overhead;
        header = read ? new StoredHeader(flags, keyId) : default;
        return read;
    }

    private static string VersionMessage(byte version)
        => $"the stored value has format version {version}, which this version of DataGuard does not read";
}
