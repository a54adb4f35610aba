using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Encryption;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Encryption;

/// <summary>WhereEncrypted on composed queries (after Where, Include, IgnoreQueryFilters, in a subquery) and through a
/// reference navigation, on the ring key and with subject keys.</summary>
internal static class WhereEncryptedScenarios
{
    private static readonly Guid Ana = Guid.Parse("5f0c2a8e-3a55-4b47-9d16-0a1a0c2f7001");
    private static readonly Guid Ben = Guid.Parse("5f0c2a8e-3a55-4b47-9d16-0a1a0c2f7002");
    private static readonly Guid Gone = Guid.Parse("5f0c2a8e-3a55-4b47-9d16-0a1a0c2f7003");

    private static Task SeedAsync(SearchHost host) => host.AddAsync(
        new SearchClient { Id = Ana, Email = "ana@example.com" },
        new SearchClient { Id = Ben, Email = "ben@example.com" },
        new SearchClient { Id = Gone, Email = "gone@example.com", IsDeleted = true },
        new SearchBooking { Id = 1, ClientId = Ana, Reference = "R-1", Day = 1 },
        new SearchBooking { Id = 2, ClientId = Ana, Reference = "R-2", Day = 5 },
        new SearchBooking { Id = 3, ClientId = Ben, Reference = "R-3", Day = 5 },
        new SearchBooking { Id = 4, ClientId = Gone, Reference = "R-4", Day = 5 },
        new SearchBooking { Id = 5, ClientId = null, Reference = "R-5", Day = 5 });

    public static async Task Filters_a_query_after_Where_and_Include(SearchHost host)
    {
        await SeedAsync(host);

        var found = await host.WithContextAsync(db => db.Bookings.Where(b => b.Day > 2).Include(b => b.Client).AsNoTracking()
            .WhereEncrypted(b => b.Reference, " r-2 ").ToListAsync());

        var booking = Assert.Single(found);
        Assert.Equal((2, "R-2", "ana@example.com"), (booking.Id, booking.Reference, booking.Client!.Email));
        Assert.Empty(await host.WithContextAsync(db => db.Bookings.Where(b => b.Day < 2).WhereEncrypted(b => b.Reference, "R-2").ToListAsync()));
    }

    public static async Task Follows_a_reference_navigation(SearchHost host)
    {
        await SeedAsync(host);

        var ids = await host.WithContextAsync(db => db.Bookings.Where(b => b.Day >= 1)
            .WhereEncrypted(b => b.Client!.Email, "ANA@example.com").OrderBy(b => b.Id).Select(b => b.Id).ToListAsync());

        Assert.Equal([1, 2], ids);
    }

    public static async Task Works_inside_a_subquery(SearchHost host)
    {
        await SeedAsync(host);

        var emails = await host.WithContextAsync(db =>
        {
            var booked = db.Bookings.Where(b => b.Day == 5).WhereEncrypted(b => b.Reference, "R-3").Select(b => b.ClientId);
            return db.Clients.Where(c => booked.Contains(c.Id)).Select(c => c.Email).ToListAsync();
        });

        Assert.Equal(["ben@example.com"], emails);
    }

    public static async Task Keeps_the_query_filter_unless_the_query_ignores_it(SearchHost host)
    {
        await SeedAsync(host);

        var filtered = await host.WithContextAsync(db => db.Clients.Where(c => c.Id != Ana).WhereEncrypted(c => c.Email, "gone@example.com").ToListAsync());
        var ignored = await host.WithContextAsync(db => db.Clients.IgnoreQueryFilters().Where(c => c.Id != Ana).WhereEncrypted(c => c.Email, "gone@example.com").Select(c => c.Id).ToListAsync());
        var throughNavigation = await host.WithContextAsync(db => db.Bookings.IgnoreQueryFilters().WhereEncrypted(b => b.Client!.Email, "gone@example.com").Select(b => b.Id).ToListAsync());

        Assert.Empty(filtered);
        Assert.Equal([Gone], ignored);
        Assert.Equal([4], throughNavigation);
    }

    public static async Task Refuses_a_property_that_is_not_searchable_or_not_a_property(SearchHost host)
    {
        await SeedAsync(host);

        var notSearchable = await Assert.ThrowsAsync<InvalidOperationException>(() => host.WithContextAsync(db => db.Bookings.Where(b => b.Day > 0).WhereEncrypted(b => b.Note, "x").ToListAsync()));
        var notAProperty = await Assert.ThrowsAsync<InvalidOperationException>(() => host.WithContextAsync(db => db.Bookings.Where(b => b.Day > 0).WhereEncrypted(b => b.Client!.IsDeleted.ToString(), "x").ToListAsync()));

        Assert.Equal("SearchBooking.Note is not searchable: mark it [Personal(Searchable = true)].", notSearchable.Message);
        Assert.StartsWith("WhereEncrypted needs a property", notAProperty.Message, StringComparison.Ordinal);
    }

    /// <summary>With subject keys the values are under each subject's key, but the blind index is the ring's: HMAC under
    /// the column's key derived from the ring's blind-index key, so one search finds every subject's rows.</summary>
    public static async Task With_subject_keys_searches_with_the_rings_blind_index_key(SearchHost host)
    {
        await SeedAsync(host);
        await host.AddAsync(new SearchClient { Id = Guid.NewGuid(), Email = "ana@example.com" }); // another subject, same address

        var found = (await host.WithContextAsync(db => db.Clients.Where(c => c.Id != Ben).WhereEncrypted(c => c.Email, "ana@example.com").ToListAsync())).Select(static c => c.Email);
        var throughNavigation = await host.WithContextAsync(db => db.Bookings.Where(b => b.Day > 0).WhereEncrypted(b => b.Client!.Email, "ana@example.com").OrderBy(b => b.Id).Select(b => b.Id).ToListAsync());
        var stored = await host.WithContextAsync(db => db.Clients.Where(c => c.Id == Ana).Select(c => EF.Property<byte[]>(c, "EmailBlindIndex")).SingleAsync());
        var storedText = await host.WithContextAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"Email\" AS \"Value\" FROM \"Clients\" WHERE \"Id\" = {0}", Ana).SingleAsync());

        Assert.Equal(["ana@example.com", "ana@example.com"], found);
        Assert.Equal([1, 2], throughNavigation);
        var ring = host.Services.GetRequiredService<FieldEncryptor>();
        Assert.Equal(ring.BlindIndex("SearchClient", "Email").Compute("ana@example.com"), stored);
        Assert.True(FieldFormat.TryReadTextHeader(storedText, out _, out var flags, out var keyId));
        Assert.Equal(FieldFlags.SubjectKey, flags & FieldFlags.SubjectKey); // the value itself is on the subject's key
        Assert.NotEqual(ring.Ring.BlindIndexKey.Id, keyId);
    }
}
