using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.EFCore.Audit;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Subjects;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static DataGuard.EFCore.Tests.Audit.AuditScenarios;

namespace DataGuard.EFCore.Tests.Audit;

public sealed class ReadAuditTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static async Task<List<Customer>> SeedAsync(AuditTestHost host, int count)
    {
        var customers = Enumerable.Range(0, count).Select(_ => NewCustomer()).ToList();
        await using var db = host.NewContext();
        db.AddRange(customers);
        db.Add(new Order { CustomerId = customers[0].Id, ShippingAddress = Address });
        await db.SaveChangesAsync();
        return customers;
    }

    private static async Task<List<AuditEntryRecord>> ReadsAsync(AuditTestHost host)
        => (await host.RowsAsync()).Where(r => r.Action == AuditActions.DataRead).ToList();

    [Fact]
    public async Task A_query_is_audited_once_per_subject_it_returned_after_the_writer_drains()
    {
        await using var host = await AuditTestHost.SqliteAsync(_folder, o => o.AuditAllReads = true);
        var writer = host.Services.GetServices<IHostedService>().OfType<AuditReadWriter>().Single();
        await writer.StartAsync(CancellationToken.None);
        var customers = await SeedAsync(host, 3);

        using (host.AuditContext.Begin("support-agent", "customer-support"))
        {
            await using var db = host.NewContext();
            Assert.Equal(3, (await db.Customers.ToListAsync()).Count);
        }

        await writer.StopAsync(CancellationToken.None);

        var reads = await ReadsAsync(host);
        Assert.Equal(customers.Select(c => c.Id.ToString("D")).Order(StringComparer.Ordinal), reads.Select(r => r.SubjectId!).Order(StringComparer.Ordinal));
        Assert.All(reads, read =>
        {
            Assert.Equal(("support-agent", "customer-support", "Customer", "CardNumber,Email,Name"),
                (read.Actor, read.Purpose, read.EntityType, read.Properties));
            Assert.Equal("rows=3; subjects=3", read.Details);
        });
        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task A_read_of_several_subjects_appears_in_each_subjects_audit()
    {
        await using var host = await AuditTestHost.SqliteAsync(_folder, o => o.AuditAllReads = true);
        var writer = host.Services.GetRequiredService<AuditReadWriter>();
        var customers = await SeedAsync(host, 3);
        using (host.AuditContext.Begin("support-agent", "customer-support"))
        {
            await using var db = host.NewContext();
            Assert.Equal(3, (await db.Customers.ToListAsync()).Count);
        }

        await writer.StopAsync(CancellationToken.None);

        foreach (var customer in customers)
        {
            var page = await host.Store.QueryAsync(new AuditQuery { SubjectId = SubjectId.From(customer.Id), Action = AuditActions.DataRead });
            var read = Assert.Single(page.Entries);
            Assert.Equal(("support-agent", "Customer", customer.Id.ToString("D")), (read.Actor, read.EntityType, read.SubjectId));

            // Another subject's id never reaches this subject's audit (it is part of their export).
            Assert.All(customers.Where(c => c.Id != customer.Id),
                other => Assert.DoesNotContain(other.Id.ToString("D"), read.Details ?? "", StringComparison.Ordinal));
        }

        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task A_query_of_one_subject_fills_the_subject_column()
    {
        await using var host = await AuditTestHost.SqliteAsync(_folder, o => o.AuditReadsOf.Add(typeof(Order)));
        var writer = host.Services.GetRequiredService<AuditReadWriter>();
        var customers = await SeedAsync(host, 2);

        await using (var db = host.NewContext())
        {
            await db.Orders.ToListAsync();
            await db.Customers.ToListAsync(); // not opted in
        }

        await writer.StopAsync(CancellationToken.None);

        var read = Assert.Single(await ReadsAsync(host));
        Assert.Equal(("Order", customers[0].Id.ToString("D")), (read.EntityType, read.SubjectId));
    }

    [Fact]
    public async Task With_subject_keys_on_a_read_is_audited_and_decrypted()
    {
        // Both hook into how EF Core creates the entity: the audit sees the subject, the caller the plaintext.
        await using var host = await AuditTestHost.SqliteAsync(_folder, o => o.AuditAllReads = true, dataGuard: o => o.Encryption.SubjectKeys = true);
        var writer = host.Services.GetRequiredService<AuditReadWriter>();
        var customers = await SeedAsync(host, 2);

        await using (var db = host.NewContext())
        {
            var read = await db.Customers.AsNoTracking().ToListAsync();
            Assert.Equal(customers.Select(c => c.Email).Order(StringComparer.Ordinal), read.Select(c => c.Email).Order(StringComparer.Ordinal));
            Assert.Equal(customers.Select(c => c.Name).Order(StringComparer.Ordinal), read.Select(c => c.Name).Order(StringComparer.Ordinal));
        }

        await writer.StopAsync(CancellationToken.None);

        var audited = await ReadsAsync(host);
        Assert.Equal(customers.Select(c => c.Id.ToString("D")).Order(StringComparer.Ordinal), audited.Select(r => r.SubjectId!).Order(StringComparer.Ordinal));
        Assert.All(audited, r => Assert.Equal("rows=2; subjects=2", r.Details));
    }

    [Fact]
    public async Task Reads_are_not_audited_unless_configured()
    {
        await using var host = await AuditTestHost.SqliteAsync(_folder);
        var writer = host.Services.GetRequiredService<AuditReadWriter>();
        await SeedAsync(host, 2);
        await using (var db = host.NewContext())
        {
            await db.Customers.ToListAsync();
        }

        await writer.StopAsync(CancellationToken.None);
        Assert.Empty(await ReadsAsync(host));
    }

    [Fact]
    public async Task A_full_queue_applies_back_pressure_logs_it_and_loses_nothing()
    {
        await using var host = await AuditTestHost.SqliteAsync(_folder, o => { o.AuditAllReads = true; o.ReadQueueCapacity = 1; o.ReadBatchSize = 1; });
        var writer = host.Services.GetRequiredService<AuditReadWriter>();
        await SeedAsync(host, 1);

        // The writer is not started: the second query finds the queue full and waits until the writer drains it.
        await using (var db = host.NewContext())
        await using (var other = host.NewContext())
        {
            await db.Customers.ToListAsync();
            var second = other.Customers.ToListAsync();
            Assert.False(second.IsCompleted);
            await writer.StartAsync(CancellationToken.None);
            await second;
        }

        await writer.StopAsync(CancellationToken.None);
        Assert.Equal(2, (await ReadsAsync(host)).Count);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 5002);
    }
}
