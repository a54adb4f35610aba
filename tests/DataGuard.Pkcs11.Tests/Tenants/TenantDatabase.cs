namespace DataGuard.Pkcs11.Tests.Tenants;

/// <summary>The database a test's tenants share: a SQLite file of the test's own, or a fresh PostgreSQL database.</summary>
internal sealed record TenantDatabase(string ConnectionString, bool Postgres);
