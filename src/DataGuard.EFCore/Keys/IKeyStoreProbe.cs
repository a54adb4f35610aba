namespace DataGuard.EFCore.Keys;

/// <summary>Lets the early key-ring load skip a database whose DataGuard tables do not exist yet (a transaction that
/// runs EnsureCreated or migrations), without a failing query that EF Core would log as an error.</summary>
internal interface IKeyStoreProbe
{
    Task<bool> IsAvailableAsync(CancellationToken cancellationToken);
}
