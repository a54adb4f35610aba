using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Subjects;

namespace DataGuard.EFCore.Encryption;

/// <summary>The read half of <see cref="SubjectEncryptionBinding"/>: decrypting a just-materialised entity in place.
/// The stored header is read and checked once, by <see cref="StoredHeader"/>; its flags pick the key (the ring's or the
/// subject's), and the column then decrypts against the same flags.</summary>
internal sealed partial class SubjectEncryptionBinding
{
    private EncryptionOptions Options => Encryptor.Options.Encryption;

    /// <summary>Decrypts a just-materialised entity in place. A shredded subject's values become <see langword="null"/>
    /// and the entity is marked shredded; everything else that fails raises <see cref="DataGuardCryptoException"/>.</summary>
    public void Decrypt(object entity) => Decrypt(entity, null);

    /// <summary>Decrypts a just-materialised entity in place; <paramref name="storedForms"/> holds the row's stored forms
    /// of subject-key scalars (<see cref="Field.ShadowIndex"/>), and is kept as their plaintexts as read, against which
    /// SaveChanges finds what changed (<see cref="StoredFormSnapshots"/>).</summary>
    public void Decrypt(object entity, object?[]? storedForms)
    {
        Span<char> subject = stackalloc char[SubjectIdText.BufferLength];
        var read = new RowRead(_subjectText.Read(entity, subject), RowOf(entity));
        foreach (var field in Fields)
        {
            var stored = field.ShadowIndex < 0 ? field.Get(entity) : storedForms![field.ShadowIndex];
            if (stored is not null && TryDecrypt(field, stored, ref read, out var plain))
            {
                field.Set(entity, plain);
            }

            if (field.ShadowIndex >= 0)
            {
                storedForms![field.ShadowIndex] = field.Get(entity);
            }
        }

        if (storedForms is not null)
        {
            StoredFormSnapshots.Remember(entity, storedForms);
        }

        if (read.Shredded)
        {
            ShreddedEntities.AddOrUpdate(entity, None);
        }
    }

    /// <summary>Decrypts one stored value; <see langword="false"/> when there is nothing to decrypt (an empty value, as
    /// set-based anonymisation writes it, or legacy plaintext in migration mode).</summary>
    private bool TryDecrypt(Field field, object stored, ref RowRead read, out object? plain)
    {
        plain = null;
        var column = field.Column;
        if (field.Form.IsEmpty(stored))
        {
            return false;
        }

        if (!field.Form.TryReadHeader(stored, column, out var header))
        {
            return Options.ReadLegacyPlaintext
                ? false
                : throw column.Fail("the stored value is not in DataGuard's format (truncated, altered or not encrypted)");
        }

        if (!header.KnownFlags)
        {
            throw column.Fail($"the stored value has flags {header.Flags}, which this version of DataGuard does not read", header.KeyId);
        }

        plain = header.SubjectKey
            ? DecryptUnderSubjectKey(field, stored, header, ref read)
            : field.Form.Decrypt(column, stored, RingContext(column, header, read));
        return true;
    }

    /// <summary>A ring-key value is bound to the column (and, flags 2, to its row) only: in a row with a subject it is
    /// read only in migration mode (written before subject keys were turned on), or the subject binding could be
    /// downgraded.</summary>
    private ValueContext RingContext(ProtectedColumn column, StoredHeader header, in RowRead read)
    {
        if (read.HasSubject && !Options.ReadRingKeyValuesInSubjectRows)
        {
            throw column.Fail($"the value is encrypted with ring key {header.KeyId}, not with the row's subject key: it was written before subject keys were " +
                "turned on, or moved from a row without a subject. If existing rows still hold such values, turn on " +
                "Encryption.ReadRingKeyValuesInSubjectRows until they are saved again", header.KeyId);
        }

        CheckRowBinding(column, header);
        return new ValueContext(null, null, header.RowBound ? read.Row : null);
    }

    /// <summary>Decrypts a value under the row's subject key, or returns <see langword="null"/> when the subject was
    /// shredded. The row's values normally share one key: it is looked up once per row.</summary>
    private object? DecryptUnderSubjectKey(Field field, object stored, StoredHeader header, ref RowRead read)
    {
        var column = field.Column;
        CheckRowBinding(column, header);
        if (!read.HasSubject)
        {
            throw column.Fail($"the value is encrypted with subject key {header.KeyId}, but the row has no data subject", header.KeyId);
        }

        if (read.Lookup?.KeyId != header.KeyId)
        {
            read.Lookup = Ring.ResolveForRead(read.SubjectText, header.KeyId, out read.Subject);
        }

        var lookup = read.Lookup.Value;
        switch (lookup.Status)
        {
            case SubjectKeyStatus.Found:
                return field.Form.Decrypt(column, stored, new ValueContext(lookup.Key, read.Subject, header.RowBound ? read.Row : null));
            case SubjectKeyStatus.Shredded:
                read.Shredded = true;
                return null;
            case SubjectKeyStatus.OtherSubject:
                throw column.Fail($"the value is encrypted under subject key {header.KeyId}, which is not this row's subject's key: it was moved from " +
                    "another subject's row", header.KeyId);
            default:
                throw column.Fail($"subject key {header.KeyId} is not in the key store", header.KeyId);
        }
    }

    /// <summary>A row-bound entity reads only values bound to their row (unbound ones in the migration mode
    /// <see cref="EncryptionOptions.ReadValuesWithoutRowBinding"/>); an entity without row binding reads no bound value,
    /// whose row it could not name.</summary>
    private void CheckRowBinding(ProtectedColumn column, StoredHeader header)
    {
        if (header.RowBound && !RowBound)
        {
            throw column.Fail("the value is bound to a row, which this entity does not do (row binding is off for it)", header.KeyId);
        }

        if (!header.RowBound && RowBound && !Options.ReadValuesWithoutRowBinding)
        {
            throw column.Fail($"the value is encrypted with key {header.KeyId} but not bound to its row: it was written before row binding was turned on, or " +
                "moved from an entity without it. If existing rows still hold such values, turn on Encryption.ReadValuesWithoutRowBinding and run the " +
                "re-encryption job", header.KeyId);
        }
    }

    /// <summary>What one row's values are read against, and what reading them found: the subject id's text (empty when
    /// the row has none), as a string once its key was looked up (the key cache's own string when it has the key).</summary>
    private ref struct RowRead(ReadOnlySpan<char> subjectText, string? row)
    {
        public readonly ReadOnlySpan<char> SubjectText = subjectText;
        public readonly string? Row = row;
        public string? Subject;
        public SubjectKeyLookup? Lookup;
        public bool Shredded;

        public readonly bool HasSubject => !SubjectText.IsEmpty;
    }
}
