using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Encryption;

public sealed class NamedEntityReencryptionTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    /// <summary>Values are bound to the entity's DataGuard name (fluent or attribute), so the job must decrypt and
    /// encrypt them under that name, not the class name, and report them under it (two classes here are called
    /// Contact).</summary>
    [Fact]
    public async Task Reencryption_moves_values_of_entities_with_a_dataguard_name()
    {
        await using var host = await BindingHost<NamedEntitiesContext>.StartAsync(o => o.UseSqlite($"Data Source={_folder.File("named.db")}"), new EphemeralDataProtectionProvider(), create: true, configure: null);
        await host.AddAsync(new TestModel.Billing.Contact { Id = 1, PersonId = Guid.NewGuid(), Email = "ana@example.com" }, new TestModel.Billing.Supplier { Id = 1, Email = "orders@example.org" });
        var newKey = (await host.Keys.RotateAsync()).Id;

        var report = await host.Reencryptor.RunAsync();

        Assert.Equal((1, 1), (report.RowsByEntity["billing.contact"], report.RowsByEntity["billing.supplier"]));
        Assert.Equal((0, 2L, newKey), (report.SkippedCount, report.TotalRows, report.ActiveKeyId));
        Assert.Equal("ana@example.com", (await host.WithContextAsync(db => db.BillingContacts.AsNoTracking().SingleAsync())).Email);
        Assert.Equal("orders@example.org", (await host.WithContextAsync(db => db.Suppliers.AsNoTracking().SingleAsync())).Email);
    }
}
