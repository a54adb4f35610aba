using DataGuard.EFCore.Infrastructure;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Encryption;
using DataGuard.Model;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace DataGuard.EFCore.Tests.Model;

/// <summary>Every entity type has one DataGuard name, unique in the model, that its values and indexes are bound to.</summary>
public sealed class EntityIdentityTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Two_entity_types_with_one_class_name_are_refused_naming_both()
    {
        using var db = TestContexts.Sqlite<CollidingNamesContext>(_folder);

        var ex = Assert.Throws<DataGuardModelException>(() => db.Model);
        var error = Assert.Single(ex.Errors);
        Assert.Contains("DataGuard.EFCore.Tests.TestModel.Crm.Contact", error, StringComparison.Ordinal);
        Assert.Contains("DataGuard.EFCore.Tests.TestModel.Billing.Contact", error, StringComparison.Ordinal);
        Assert.Contains("HasDataGuardName", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Named_types_keep_their_names_and_unnamed_ones_keep_the_class_name()
    {
        using var db = TestContexts.Sqlite<NamedEntitiesContext>(_folder);

        var names = db.Model.GetPersonalDataModel().Entities.Select(static e => e.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["Contact", "billing.contact", "billing.supplier"], names);
    }

    [Fact]
    public async Task A_value_moved_between_tables_of_same_named_classes_fails_to_decrypt()
    {
        var person = Guid.NewGuid();
        await using var db = TestContexts.Sqlite<NamedEntitiesContext>(_folder);
        await db.Database.EnsureCreatedAsync();
        db.Add(new TestModel.Crm.Contact { PersonId = person, Email = "ana@example.com" });
        db.Add(new TestModel.Billing.Contact { PersonId = person, Email = "ana@example.com" });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        // Equal values in the two tables do not have equal blind indexes.
        var indexes = await db.Database.SqlQueryRaw<byte[]>(
            "SELECT \"EmailBlindIndex\" AS \"Value\" FROM \"CrmContacts\" UNION ALL SELECT \"EmailBlindIndex\" FROM \"BillingContacts\"").ToListAsync();
        Assert.Equal(2, indexes.Count);
        Assert.NotEqual(indexes[0], indexes[1]);

        await db.Database.ExecuteSqlRawAsync("UPDATE \"CrmContacts\" SET \"Email\" = (SELECT \"Email\" FROM \"BillingContacts\")");

        var ex = await Assert.ThrowsAsync<DataGuardCryptoException>(() => db.CrmContacts.AsNoTracking().SingleAsync());
        Assert.Equal(("Contact", "Email"), (ex.Entity, ex.Property));
        Assert.Contains("failed authentication", ex.Message, StringComparison.Ordinal);
        Assert.Equal("ana@example.com", (await db.BillingContacts.AsNoTracking().SingleAsync()).Email);
    }

    [Fact]
    public async Task A_named_type_binds_its_values_to_its_name_not_to_its_class()
    {
        await using var db = TestContexts.Sqlite<NamedEntitiesContext>(_folder);
        await db.Database.EnsureCreatedAsync();
        var encryptor = db.GetService<IDbContextOptions>().FindExtension<DataGuard.EFCore.Infrastructure.DataGuardOptionsExtension>()!
            .ApplicationServices.GetService(typeof(FieldEncryptor)) as FieldEncryptor;

        // What any class, whatever it is called, wrote under the name "billing.supplier".
        var stored = encryptor!.Column("billing.supplier", "Email").EncryptString("orders@supplier.example");
        await db.Database.ExecuteSqlRawAsync("INSERT INTO \"Suppliers\" (\"Id\", \"Email\") VALUES (1, {0})", stored);

        Assert.Equal("orders@supplier.example", (await db.Suppliers.SingleAsync()).Email);
    }
}
