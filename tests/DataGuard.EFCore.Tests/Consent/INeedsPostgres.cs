namespace DataGuard.EFCore.Tests.Consent;

/// <summary>Marks a test class whose <see cref="StoreFactAttribute"/> tests need a PostgreSQL server.</summary>
public interface INeedsPostgres
{
}
