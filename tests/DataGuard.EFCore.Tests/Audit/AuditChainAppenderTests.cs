using DataGuard.EFCore.Audit;
using DataGuard.Testing;

namespace DataGuard.EFCore.Tests.Audit;

/// <summary>The appender's statements and bindings come from one column list (<see cref="AuditEntryColumns"/>): in any
/// order of that list, every insert stores each value in the column named for it.</summary>
public sealed class AuditChainAppenderTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(AuditColumnOrders.Declared, AuditAppendKinds.Rows)]
    [InlineData(AuditColumnOrders.Declared, AuditAppendKinds.SharedContext)]
    [InlineData(AuditColumnOrders.Declared, AuditAppendKinds.Uniform)]
    [InlineData(AuditColumnOrders.Reversed, AuditAppendKinds.Rows)]
    [InlineData(AuditColumnOrders.Reversed, AuditAppendKinds.SharedContext)]
    [InlineData(AuditColumnOrders.Reversed, AuditAppendKinds.Uniform)]
    [InlineData(AuditColumnOrders.Rotated, AuditAppendKinds.Rows)]
    [InlineData(AuditColumnOrders.Rotated, AuditAppendKinds.SharedContext)]
    [InlineData(AuditColumnOrders.Rotated, AuditAppendKinds.Uniform)]
    public async Task Every_value_is_stored_in_its_own_column_whatever_the_order_of_the_column_list(string order, string kind)
    {
        await using var host = await AuditTestHost.SqliteAsync(_folder);
        await AuditAppenderScenarios.Every_value_is_stored_in_its_own_column(host, order, kind);
    }

    [PostgresFact]
    public async Task Every_value_is_stored_in_its_own_column_whatever_the_order_of_the_column_list_on_PostgreSQL()
    {
        await using var host = await AuditTestHost.PostgresAsync(PostgresTestDatabase.ForNewDatabase("auditcolumns"));
        foreach (var order in (string[])[AuditColumnOrders.Declared, AuditColumnOrders.Reversed, AuditColumnOrders.Rotated])
        {
            foreach (var kind in (string[])[AuditAppendKinds.Rows, AuditAppendKinds.SharedContext, AuditAppendKinds.Uniform])
            {
                await AuditAppenderScenarios.Every_value_is_stored_in_its_own_column(host, order, kind);
            }
        }
    }

    [Fact]
    public async Task Appending_with_synchronous_calls_has_finished_when_it_returns()
    {
        await using var host = await AuditTestHost.SqliteAsync(_folder);
        await AuditAppenderScenarios.Appending_with_synchronous_calls_has_finished_when_it_returns(host);
    }

    [PostgresFact]
    public async Task Appending_with_synchronous_calls_has_finished_when_it_returns_on_PostgreSQL()
    {
        await using var host = await AuditTestHost.PostgresAsync(PostgresTestDatabase.ForNewDatabase("auditsync"));
        await AuditAppenderScenarios.Appending_with_synchronous_calls_has_finished_when_it_returns(host);
    }
}
