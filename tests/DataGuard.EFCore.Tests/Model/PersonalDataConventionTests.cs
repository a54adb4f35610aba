using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Masking;
using DataGuard.Model;
using DataGuard.Model.DataMaps;
using DataGuard.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Model;

public sealed class PersonalDataConventionTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private List<string> SqliteIndexes(string table)
    {
        using var connection = new SqliteConnection($"Data Source={_folder.File("test.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $table AND sql IS NOT NULL";
        command.Parameters.AddWithValue("$table", table);
        using var reader = command.ExecuteReader();
        var indexes = new List<string>();
        while (reader.Read())
        {
            indexes.Add(reader.GetString(0));
        }

        return indexes;
    }

    [Fact]
    public void Data_subject_columns_get_a_database_index()
    {
        using (var db = TestContexts.Sqlite<ShopContext>(_folder))
        {
            db.Database.EnsureCreated();
        }

        Assert.Contains(SqliteIndexes("Orders"), sql => sql.Contains("(\"CustomerId\")", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_use_data_guard_no_subject_index_is_added()
    {
        using (var db = TestContexts.Sqlite<ShopContext>(_folder, useDataGuard: false))
        {
            db.Database.EnsureCreated();
        }

        Assert.DoesNotContain(SqliteIndexes("Orders"), sql => sql.Contains("CustomerId", StringComparison.Ordinal));
    }

    [Fact]
    public void The_model_holds_attributes_and_store_names_and_leaves_out_lookup_tables()
    {
        using var db = TestContexts.Sqlite<ShopContext>(_folder);
        var model = db.Model.GetPersonalDataModel();

        Assert.Same(model, db.Model.GetPersonalDataModel());
        Assert.Null(model.Find(typeof(Country)));
        var order = model.Find(typeof(Order))!;
        Assert.Equal("Orders", order.StoreName);
        Assert.Equal("CustomerId", order.SubjectProperty);
        Assert.Equal(["ShippingAddress"], order.Fields.Select(f => f.Name));
    }

    [Fact]
    public void Fluent_configuration_gives_the_same_model_as_attributes()
    {
        using var db = TestContexts.Sqlite<ShopContext>(_folder);
        var map = DataMap.Create(db.Model.GetPersonalDataModel(), []);
        var annotated = map.Entities.Single(e => e.Name == nameof(Customer));
        var fluent = map.Entities.Single(e => e.Name == nameof(LegacyCustomer));

        Assert.Equal(annotated.Fields.Select(static f => f with { Purposes = null }), fluent.Fields.Select(static f => f with { Purposes = null }));
        Assert.Equal(annotated.Subject, fluent.Subject);
        Assert.Equal(annotated.Retention, fluent.Retention);
        Assert.Equal("LegacyCustomers", fluent.Store);
    }

    [Fact]
    public void Fluent_configuration_replaces_the_attribute_on_the_same_property()
    {
        using var db = TestContexts.Sqlite<OverridingContext>(_folder);
        var email = db.Model.GetPersonalDataModel().Find(typeof(Customer))!.FindField("Email")!;

        Assert.Equal(PersonalCategory.OnlineIdentifier, email.Category);
        Assert.Equal(MaskStyle.Pseudonym, email.Mask);
        Assert.False(email.Searchable);
    }

    [Fact]
    public void Misused_annotations_fail_when_the_model_is_built()
    {
        using var db = TestContexts.Sqlite<TwoSubjectsContext>(_folder);
        var ex = Assert.Throws<DataGuardModelException>(() => db.Model);
        Assert.Equal(["TwoSubjects: [DataSubject] is on both 'A' and 'B'; a type has at most one data-subject property."], ex.Errors);
    }

    [Fact]
    public void An_encrypted_key_is_rejected()
    {
        using var db = TestContexts.Sqlite<EncryptedKeyContext>(_folder);
        var ex = Assert.Throws<DataGuardModelException>(() => db.Model);
        Assert.Equal(["EncryptedKey.Id: a key property cannot be encrypted, because rows are found by it; set Encrypt = false."], ex.Errors);
    }

    [Fact]
    public void An_annotated_property_that_EF_does_not_map_is_rejected()
    {
        using var db = TestContexts.Sqlite<UnmappedPersonalContext>(_folder);
        var ex = Assert.Throws<DataGuardModelException>(() => db.Model);
        Assert.Equal(["UnmappedPersonal.Email: is annotated for DataGuard but EF Core does not map it as a property, so DataGuard cannot protect it; " +
            "map it or remove the annotation."], ex.Errors);
    }

    [Fact]
    public void Use_data_guard_without_add_data_guard_says_what_to_call()
    {
        var services = new ServiceCollection().BuildServiceProvider();
        var ex = Assert.Throws<InvalidOperationException>(() => new DbContextOptionsBuilder().UseDataGuard(services));
        Assert.Equal("UseDataGuard(sp) needs DataGuard's services: call services.AddDataGuard() when configuring the application's services.", ex.Message);
    }
}
