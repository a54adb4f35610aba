using DataGuard.Encryption;
using DataGuard.Subjects;

namespace DataGuard.Keys;

/// <summary>
/// A key store that also keeps one key per data subject (<see cref="EncryptionOptions.SubjectKeys"/>). Subject keys are
/// <see cref="DataKeyRecord"/>s of kind <see cref="DataKeyKind.Subject"/> with a <see cref="DataKeyRecord.SubjectId"/>;
/// <see cref="IKeyStore.GetAllAsync"/> does not return them, because there is one per subject. Shredding stores the
/// tombstone through <see cref="IKeyStore.UpdateAsync"/>. Both built-in stores implement it.
/// </summary>
public interface ISubjectKeyStore : IKeyStore
{
    /// <summary>Reads the keys (active or shredded) of the given subjects.</summary>
    /// <param name="subjectIds">Canonical subject id texts (<see cref="SubjectId.Value"/>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The keys found, in any order; subjects without a key are left out.</returns>
    Task<IReadOnlyList<DataKeyRecord>> GetSubjectKeysAsync(IReadOnlyCollection<string> subjectIds, CancellationToken cancellationToken = default);

    /// <summary>Reads the subject keys whose ids lie in a range: keys created together are read together, so reading
    /// many subjects' rows needs one read per range instead of one per row.</summary>
    /// <param name="firstId">The first key id (inclusive).</param>
    /// <param name="lastId">The last key id (inclusive).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The subject keys in the range, in any order.</returns>
    Task<IReadOnlyList<DataKeyRecord>> GetSubjectKeysAsync(int firstId, int lastId, CancellationToken cancellationToken = default);

    /// <summary>Adds subject keys in one write and assigns their ids. Either all are added or none.</summary>
    /// <param name="keys">The keys, each with <see cref="DataKeyRecord.Id"/> 0 and a subject that has no key yet.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored keys with their ids, in the order given.</returns>
    /// <exception cref="Exception">A subject already has a key (another instance created it first): the store's own
    /// error, for example a unique-index violation; the caller reads the existing key instead.</exception>
    Task<IReadOnlyList<DataKeyRecord>> AddSubjectKeysAsync(IReadOnlyList<DataKeyRecord> keys, CancellationToken cancellationToken = default);
}
