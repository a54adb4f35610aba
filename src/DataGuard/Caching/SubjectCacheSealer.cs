using System.Buffers.Text;
using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Subjects;
using Microsoft.Extensions.Options;

namespace DataGuard.Caching;

/// <summary>
/// The cryptography of the <see cref="SubjectCache"/>: the subject's hashed cache key, and an entry sealed under the
/// pseudo-entity <c>$cache</c> with the entry's key and the subject's epoch as associated data (with subject keys on,
/// under the subject's own key).
/// </summary>
internal sealed class SubjectCacheSealer(
    FieldEncryptor encryptor,
    SubjectKeyRing subjectKeys,
    SubjectIdCanonicalizer canonicalizer,
    IOptions<DataGuardOptions> dataGuard)
{
    public ValueTask EnsureReadyAsync(CancellationToken cancellationToken) => encryptor.EnsureReadyAsync(cancellationToken);

    /// <summary>The subject's canonical id and the blind index that names its cache keys.</summary>
    public (string Subject, string Hash) Identify(SubjectId subjectId)
    {
        if (subjectId == default)
        {
            throw new ArgumentException("The subject id is empty.", nameof(subjectId));
        }

        var subject = canonicalizer.Canonicalize(subjectId, nameof(subjectId)).Value;
        var index = encryptor.BlindIndex(EncryptedDistributedCache.Entity, "subject").Compute(subject);
        return (subject, Base64Url.EncodeToString(index));
    }

    /// <returns>The sealed entry, or <see langword="null"/> when the subject's key is shredded: nothing of theirs may be
    /// cached again.</returns>
    public async Task<byte[]?> SealAsync(string subject, string key, string epoch, byte[] value, CancellationToken cancellationToken)
    {
        var column = encryptor.Column(EncryptedDistributedCache.Entity, $"{key}#{epoch}");
        if (!dataGuard.Value.Encryption.SubjectKeys)
        {
            return column.EncryptBytes(value);
        }

        var lookup = (await subjectKeys.ResolveForWriteAsync([subject], cancellationToken).ConfigureAwait(false))[subject];
        return lookup.Key is { } subjectKey ? column.EncryptBytes(value, subjectKey, subject) : null;
    }

    /// <returns>The entry's value, or <see langword="null"/> for an entry of an ended epoch, of a shredded key, or
    /// tampered with: a miss.</returns>
    public byte[]? Unseal(string subject, string key, string epoch, byte[] stored)
    {
        try
        {
            var column = encryptor.Column(EncryptedDistributedCache.Entity, $"{key}#{epoch}");
            if (!dataGuard.Value.Encryption.SubjectKeys)
            {
                return column.DecryptBytes(stored);
            }

            if (!FieldFormat.TryReadHeader(stored, out _, out _, out var keyId) || subjectKeys.ResolveForRead(subject, keyId).Key is not { } subjectKey)
            {
                return null;
            }

            return column.DecryptBytes(stored, subjectKey, subject);
        }
        catch (DataGuardCryptoException)
        {
            return null;
        }
    }
}
