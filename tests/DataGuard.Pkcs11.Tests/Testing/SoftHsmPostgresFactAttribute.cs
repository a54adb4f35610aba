using DataGuard.Testing;

namespace DataGuard.Pkcs11.Tests.Testing;

/// <summary>A fact that needs SoftHSM2 and a PostgreSQL server (DATAGUARD_TEST_POSTGRES); skipped with the reason when
/// either is missing.</summary>
public sealed class SoftHsmPostgresFactAttribute : FactAttribute
{
    public SoftHsmPostgresFactAttribute()
    {
        if (SoftHsm.MissingReason is { } reason)
        {
            Skip = reason;
        }
        else if (PostgresTestDatabase.AdminConnectionString is null)
        {
            Skip = "needs PostgreSQL: set DATAGUARD_TEST_POSTGRES to a connection string (.ci/run does).";
        }
    }
}
