using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Keys;
using DataGuard.Model;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>What subject-key mode does not support is rejected when the model is built or the row is saved.</summary>
public sealed class SubjectKeyModelTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private TContext Context<TContext>()
        where TContext : DbContext
    {
        var services = new ServiceCollection();
        services.AddDataGuard(o => o.Encryption.SubjectKeys = true);
        services.AddSingleton<IKeyStore, InMemoryKeyStore>();
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        var options = new DbContextOptionsBuilder<TContext>().UseSqlite($"Data Source={_folder.File(typeof(TContext).Name + ".db")}").ConfigureWarnings(
            static w
                => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.ManyServiceProvidersCreatedWarning)).UseDataGuard(
                    services.BuildServiceProvider());
        return (TContext)Activator.CreateInstance(typeof(TContext), options.Options)!;
    }

    [Fact]
    public void A_scalar_personal_property_of_a_subject_entity_keeps_its_column_through_a_stored_form_property()
    {
        using var db = Context<ApplicantContext>();
        var entityType = db.Model.FindEntityType(typeof(Applicant))!;

        // EF Core maps the column to a shadow string property; the personal-data model still names the member.
        Assert.Null(entityType.FindProperty(nameof(Applicant.BirthDate)));
        var stored = entityType.FindProperty("BirthDate_DataGuardStored")!;
        Assert.Equal((typeof(string), "BirthDate", false), (stored.ClrType, stored.GetColumnName(), stored.IsNullable));
        var field = Assert.Single(db.Model.GetPersonalDataModel().Entities, e => e.Name == "Applicant").FindField(nameof(Applicant.BirthDate))!;
        Assert.Equal((typeof(DateOnly), true), (field.ClrType, field.Encrypted));
    }

    [Fact]
    public void An_encrypted_property_of_an_owned_type_is_rejected()
    {
        using var db = Context<HouseholdContext>();
        var ex = Assert.Throws<DataGuardModelException>(() => db.Model);
        Assert.Contains("Street", ex.Message, StringComparison.Ordinal);
        Assert.Contains("owned type", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subject_id_generated_by_the_database_is_refused_at_save()
    {
        await using var db = Context<SubscriberContext>();
        await db.Database.EnsureCreatedAsync();
        db.Subscribers.Add(new Subscriber { Email = "ana@example.com" });
        var ex = await Assert.ThrowsAsync<DataGuardException>(() => db.SaveChangesAsync());
        Assert.Contains("Subscriber.Id", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await db.Subscribers.AsNoTracking().ToListAsync());
    }
}
