using DataGuard.EFCore.Tests.Consent;
using DataGuard.EFCore.Tests.ModelBased;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>The order-of-work stories on PostgreSQL, each in a database of its own that is dropped afterwards (skipped
/// without DATAGUARD_TEST_POSTGRES).</summary>
public sealed class PostgresErasureOrderOfWorkTests : ErasureOrderOfWorkScenarios, INeedsPostgres
{
    private protected override ModelProvider Provider => ModelProvider.Postgres;
}
