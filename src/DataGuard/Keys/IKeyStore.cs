namespace DataGuard.Keys;

/// <summary>
/// Keeps DataGuard's wrapped data-encryption keys. DataGuard.EFCore stores them in the application's database
/// (<c>UseEntityFrameworkStores&lt;TContext&gt;()</c>); <see cref="InMemoryKeyStore"/> is for tests. Every application
/// instance must share one store.
/// </summary>
public interface IKeyStore
{
    /// <summary>Reads every key of the ring: data and blind-index keys, not the per-subject keys an
    /// <see cref="ISubjectKeyStore"/> also keeps (there is one per data subject; they are read by subject or id range).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The keys, in any order.</returns>
    Task<IReadOnlyList<DataKeyRecord>> GetAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a key and assigns its <see cref="DataKeyRecord.Id"/>.</summary>
    /// <param name="key">The key, with <see cref="DataKeyRecord.Id"/> 0.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored key with its id.</returns>
    Task<DataKeyRecord> AddAsync(DataKeyRecord key, CancellationToken cancellationToken = default);

    /// <summary>Saves a changed status (and, on retirement, the removal of the wrapped key).</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the change is stored.</returns>
    /// <exception cref="KeyNotFoundException">No key has that id.</exception>
    Task UpdateAsync(DataKeyRecord key, CancellationToken cancellationToken = default);
}
