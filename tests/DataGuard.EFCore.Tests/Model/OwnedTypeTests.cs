using DataGuard.Audit;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Model.DataMaps;
using DataGuard.Subjects;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.EFCore.Tests.Model;

/// <summary>Owned types are the owner's personal data: encrypted, exported, erased and audited with it, and in the data
/// map as reached through their owner.</summary>
public sealed class OwnedTypeTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<ServiceProvider> StartAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(DataGuardTestHost<TravelContext>.Start));
        services.AddLogging();
        services.AddDataGuard().UseEntityFrameworkStores<TravelContext>().AddAuditing();
        var file = _folder.File("travel.db");
        services.AddDbContext<TravelContext>(
            (sp, o)
                => o.UseSqlite($"Data Source={file};Pooling=False").UseDataGuard(sp).ConfigureWarnings(w => w.Ignore(
                    CoreEventId.ManyServiceProvidersCreatedWarning)),
            ServiceLifetime.Transient,
            ServiceLifetime.Singleton);
        var provider = services.BuildServiceProvider();
        await using var db = provider.GetRequiredService<TravelContext>();
        await db.Database.EnsureCreatedAsync();
        return provider;
    }

    private static async Task<(Traveller Traveller, Trip Trip)> SeedAsync(ServiceProvider services)
    {
        var traveller = new Traveller { Id = Guid.NewGuid(), Name = "Ana", Home = new TravelAddress { Street = "Home Street 1", City = "Porto" } };
        var trip = new Trip { Traveller = traveller, Label = "summer", Pickup = new TravelAddress { Street = "Pickup Street 2", City = "Braga" } };
        await using var db = services.GetRequiredService<TravelContext>();
        db.AddRange(traveller, trip);
        await db.SaveChangesAsync();
        return (traveller, trip);
    }

    [Fact]
    public async Task Owned_personal_values_are_encrypted_at_rest()
    {
        await using var services = await StartAsync();
        await SeedAsync(services);

        await using var db = services.GetRequiredService<TravelContext>();
        var stored = await db.Database.SqlQueryRaw<string>("SELECT \"Home_Street\" AS \"Value\" FROM \"Travellers\"").SingleAsync();
        Assert.DoesNotContain("Home Street", stored, StringComparison.Ordinal);
        Assert.Equal("Home Street 1", (await db.Travellers.AsNoTracking().SingleAsync()).Home!.Street);
    }

    [Fact]
    public async Task Owned_types_in_the_owners_row_are_reached_through_their_owner_in_the_data_map()
    {
        await using var services = await StartAsync();
        await using var db = services.GetRequiredService<TravelContext>();

        var map = DataMap.Create(db.Model.GetPersonalDataModel(), []);

        var owned = map.Entities.Where(static e => e.ClrType == typeof(TravelAddress).FullName).ToList();
        Assert.Equal(2, owned.Count);
        Assert.All(owned, static e => Assert.False(e.Unreachable, $"{e.Name} is flagged as personal data no subject reaches"));
    }

    [Fact]
    public async Task Export_writes_owned_values_as_dotted_columns_of_their_owner()
    {
        await using var services = await StartAsync();
        var (traveller, _) = await SeedAsync(services);

        using var buffer = new MemoryStream();
        await services.GetRequiredService<ISubjectRightsService>().ExportAsync(SubjectId.From(traveller.Id), buffer);
        buffer.Position = 0;
        var package = await SubjectExportPackage.ReadAsync(buffer);

        var home = Assert.Single(package.ReadRows(nameof(Traveller)));
        Assert.Equal(("Home Street 1", "Porto"), (home.GetProperty("Home.Street").GetString(), home.GetProperty("Home.City").GetString()));
        var trip = Assert.Single(package.ReadRows(nameof(Trip)));
        Assert.Equal(("Pickup Street 2", "Braga"), (trip.GetProperty("Pickup.Street").GetString(), trip.GetProperty("Pickup.City").GetString()));
        Assert.Contains("Pickup.Street", package.ReadCsv(nameof(Trip))[0]);
    }

    [Fact]
    public async Task Erasure_that_anonymises_clears_the_owned_values()
    {
        await using var services = await StartAsync();
        var (traveller, trip) = await SeedAsync(services);

        var report = await services.GetRequiredService<ISubjectRightsService>().EraseAsync(SubjectId.From(traveller.Id));

        Assert.Equal(2, report.Anonymized);
        await using var db = services.GetRequiredService<TravelContext>();
        var t = await db.Travellers.AsNoTracking().SingleAsync();
        var p = await db.Trips.AsNoTracking().SingleAsync();
        Assert.Equal(("", null), (t.Name, t.Home?.Street is { Length: > 0 } ? t.Home.Street : (string?)null));
        Assert.True(t.Home is null || (t.Home.Street.Length == 0 && t.Home.City is null));
        Assert.True(p.Pickup is null || (p.Pickup.Street.Length == 0 && p.Pickup.City is null));
        Assert.Equal((trip.Id, "summer"), (p.Id, p.Label));

        // The owned searchable value's blind index would still confirm a guessed street.
        Assert.Null(await db.Database.SqlQueryRaw<byte[]>("SELECT \"Home_StreetBlindIndex\" AS \"Value\" FROM \"Travellers\"").SingleAsync());
    }

    [Fact]
    public async Task Changes_to_an_owned_type_of_two_owners_carry_each_owners_subject()
    {
        await using var services = await StartAsync();
        var (traveller, trip) = await SeedAsync(services);
        await using (var db = services.GetRequiredService<TravelContext>())
        {
            var loaded = await db.Trips.SingleAsync();
            loaded.Pickup!.Street = "Pickup Street 3";
            await db.SaveChangesAsync();
        }

        var entries = (await services.GetRequiredService<IAuditStore>().QueryAsync(new AuditQuery { SubjectId = SubjectId.From(traveller.Id) })).Entries;
        var key = trip.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(entries, e => (e.Action, e.EntityType, e.EntityKey) == (AuditActions.EntityInserted, "Trip.Pickup#TravelAddress", key));
        Assert.Contains(entries,
            e => (e.Action, e.EntityType, e.EntityKey) == (AuditActions.EntityUpdated, "Trip.Pickup#TravelAddress", key) && e.Properties is ["Street"]);
        Assert.Contains(entries,
            e => (e.Action, e.EntityType, e.EntityKey) == (AuditActions.EntityInserted, "Traveller.Home#TravelAddress", traveller.Id.ToString("D")));
    }
}
