using DataGuard.Subjects;
using Microsoft.Extensions.Caching.Distributed;

namespace DataGuard.Caching;

/// <summary>
/// Cache entries that belong to a data subject, on top of the application's <see cref="IDistributedCache"/> (Redis,
/// SQL Server, memory). Each entry is encrypted with the subject's own key when subject keys are on (shredding the
/// subject kills its cached copies) and with the key ring otherwise, bound to the subject's current cache epoch; erasure,
/// shredding and a consent withdrawal or objection end the epoch, so none of the subject's entries reads again, in any
/// instance. The cache server's keys carry a keyed hash of the subject id, never the id. Entries must expire and live at
/// most <see cref="EncryptedCacheOptions.MaxLifetime"/>.
/// </summary>
public interface ISubjectCache
{
    /// <summary>Caches a value of the subject.</summary>
    /// <param name="subjectId">The data subject the value belongs to.</param>
    /// <param name="key">The application's key for the value (unique per subject).</param>
    /// <param name="value">The value.</param>
    /// <param name="options">The entry's expiry; required, and capped at <see cref="EncryptedCacheOptions.MaxLifetime"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the entry is stored.</returns>
    /// <exception cref="DataGuardException">The options set no expiry.</exception>
    Task SetAsync(SubjectId subjectId, string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken cancellationToken = default);

    /// <summary>Reads a value of the subject.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="key">The application's key.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The value, or <see langword="null"/> when it is not cached, has expired, or the subject's entries were
    /// removed.</returns>
    Task<byte[]?> GetAsync(SubjectId subjectId, string key, CancellationToken cancellationToken = default);

    /// <summary>Makes every cached entry of the subject unreadable, in every instance. DataGuard calls it on erasure,
    /// shredding, consent withdrawal and objection.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the entries are unreadable.</returns>
    Task RemoveSubjectAsync(SubjectId subjectId, CancellationToken cancellationToken = default);

    /// <summary>The tag to give a subject's <c>HybridCache</c> entries: DataGuard removes entries with this tag (in
    /// memory and in the distributed cache) when it removes the subject's entries. A keyed hash of the id, never the id.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <returns>The tag.</returns>
    string TagFor(SubjectId subjectId);
}
