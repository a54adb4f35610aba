using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Keys;
using DataGuard.Model;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.SubjectKeys;

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
        var options = new DbContextOptionsBuilder<TContext>().UseSqlite($"Data Source={_folder.File(typeof(TContext).Name + ".db")}").ConfigureWarnings(static w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.ManyServiceProvidersCreatedWarning)).UseDataGuard(services.BuildServiceProvider());
        return (TContext)Activator.CreateInstance(typeof(TContext), options.Options)!;
    }

    [Fact]
    public void A_scalar_personal_property_of_a_subject_entity_is_rejected_with_the_way_out()
    {
        using var db = Context<ApplicantContext>();
        var ex = Assert.Throws<DataGuardModelException>(() => db.Model);
        Assert.Contains("Applicant.BirthDate: is a DateOnly", ex.Message, StringComparison.Ordinal);
        Assert.Contains("string or byte[]", ex.Message, StringComparison.Ordinal);
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
