using DataGuard.Audit;
using DataGuard.Subjects;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using static DataGuard.EFCore.Tests.Audit.AuditScenarios;

namespace DataGuard.EFCore.Tests.Audit;

public sealed class BulkStatementTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private Task<AuditTestHost> SqliteAsync() => AuditTestHost.SqliteAsync(_folder);

    private static Task<AuditTestHost> PostgresAsync() => AuditTestHost.PostgresAsync(PostgresTestDatabase.ForNewDatabase("auditbulk"));

    [Fact]
    public async Task ExecuteUpdate_is_audited_with_entity_rows_and_the_subject_its_filter_names()
    {
        await using var host = await SqliteAsync();
        await BulkStatementScenarios.ExecuteUpdate_is_audited_with_entity_rows_and_the_subject_its_filter_names(host);
    }

    [Fact]
    public async Task ExecuteDelete_is_audited_for_each_subject_its_filter_names_with_the_rows_deleted()
    {
        await using var host = await SqliteAsync();
        await BulkStatementScenarios.ExecuteDelete_is_audited_for_each_subject_its_filter_names_with_the_rows_deleted(host);
    }

    [Fact]
    public async Task ExecuteUpdate_without_a_subject_filter_is_audited_once_with_its_row_count()
    {
        await using var host = await SqliteAsync();
        await BulkStatementScenarios.ExecuteUpdate_without_a_subject_filter_is_audited_once_with_its_row_count(host);
    }

    [Fact]
    public async Task ExecuteUpdate_refuses_what_it_cannot_encrypt_naming_entity_and_property_without_the_value()
    {
        await using var host = await SqliteAsync();
        await BulkStatementScenarios.ExecuteUpdate_refuses_what_it_cannot_encrypt_naming_entity_and_property_without_the_value(host);
    }

    [Fact]
    public async Task ExecuteUpdate_refuses_a_value_for_a_property_under_subject_keys()
    {
        await using var host = await AuditTestHost.SqliteAsync(_folder, dataGuard: o => o.Encryption.SubjectKeys = true);
        var customer = NewCustomer();
        await using (var db = host.NewContext())
        {
            db.Add(customer);
            await db.SaveChangesAsync();
        }

        await using (var db = host.NewContext())
        {
            var refused = await Assert.ThrowsAsync<DataGuardException>(() => db.Customers.Where(c => c.Id == customer.Id).ExecuteUpdateAsync(s => s.SetProperty(
                c => c.Name, "Clear Name")));
            Assert.Contains("Customer.Name", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Clear Name", refused.Message, StringComparison.Ordinal);
        }

        await using (var db = host.NewContext())
        {
            Assert.Equal(Name, (await db.Customers.AsNoTracking().SingleAsync()).Name);
        }
    }

    [Fact]
    public async Task ExecuteDelete_after_a_failed_save_without_personal_data_is_still_audited()
    {
        await using var host = await SqliteAsync();
        var customer = NewCustomer();
        await using (var db = host.NewContext())
        {
            db.AddRange(customer, new DataGuard.EFCore.Tests.TestModel.Country { Code = "PT" });
            await db.SaveChangesAsync();
        }

        await using var stale = host.NewContext();
        var country = await stale.Countries.SingleAsync();
        await using (var other = host.NewContext())
        {
            await other.Countries.ExecuteDeleteAsync();
        }

        country.Code = "ES";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());

        var id = customer.Id;
        await stale.Customers.Where(c => c.Id == id).ExecuteDeleteAsync();
        var page = await host.Store.QueryAsync(new DataGuard.Audit.AuditQuery { SubjectId = SubjectId.From(id),
            Action = DataGuard.Audit.AuditActions.EntitiesBulkDeleted });
        Assert.Single(page.Entries);
    }

    [Fact]
    public async Task A_synchronous_ExecuteDelete_outside_a_transaction_is_audited_in_one_of_its_own()
    {
        await using var host = await SqliteAsync();
        await BulkStatementScenarios.A_synchronous_ExecuteDelete_outside_a_transaction_is_audited_in_one_of_its_own(host);
    }

    [PostgresFact]
    public async Task A_synchronous_ExecuteDelete_outside_a_transaction_is_audited_in_one_of_its_own_on_PostgreSQL()
    {
        await using var host = await PostgresAsync();
        await BulkStatementScenarios.A_synchronous_ExecuteDelete_outside_a_transaction_is_audited_in_one_of_its_own(host);
    }

    [PostgresFact]
    public async Task ExecuteUpdate_is_audited_with_entity_rows_and_the_subject_its_filter_names_on_PostgreSQL()
    {
        await using var host = await PostgresAsync();
        await BulkStatementScenarios.ExecuteUpdate_is_audited_with_entity_rows_and_the_subject_its_filter_names(host);
    }

    [PostgresFact]
    public async Task ExecuteDelete_is_audited_for_each_subject_its_filter_names_with_the_rows_deleted_on_PostgreSQL()
    {
        await using var host = await PostgresAsync();
        await BulkStatementScenarios.ExecuteDelete_is_audited_for_each_subject_its_filter_names_with_the_rows_deleted(host);
    }

    [PostgresFact]
    public async Task ExecuteUpdate_refuses_what_it_cannot_encrypt_naming_entity_and_property_without_the_value_on_PostgreSQL()
    {
        await using var host = await PostgresAsync();
        await BulkStatementScenarios.ExecuteUpdate_refuses_what_it_cannot_encrypt_naming_entity_and_property_without_the_value(host);
    }
}
