using System.Text;
using DataGuard.EFCore.Infrastructure;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Encryption;

public sealed class SqliteEncryptionTests : IDisposable
{
    private static readonly Customer Ana = new() { Id = Guid.NewGuid(), Email = "ana.silva@example.com", Name = "Ana Silva", CardNumber = "4111 1111 1111 1111", CreatedAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc) };
    private static readonly Customer Jonas = new() { Id = Guid.NewGuid(), Email = "jonas.weber@example.org", Name = "Jonas Weber", CreatedAt = new DateTime(2026, 2, 3, 4, 5, 6, DateTimeKind.Utc) };
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Customer Copy(Customer c) => new() { Id = c.Id, Email = c.Email, Name = c.Name, CardNumber = c.CardNumber, CreatedAt = c.CreatedAt };

    private byte[] DatabaseBytes()
    {
        SqliteConnection.ClearAllPools();
        return File.ReadAllBytes(_folder.File("vault.db"));
    }

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;

    [Fact]
    public async Task The_database_file_holds_no_plaintext_and_the_context_reads_it_back()
    {
        await using var host = await VaultHost.SqliteAsync(_folder);
        await host.WithContextAsync(async db =>
        {
            db.Customers.AddRange(Copy(Ana), Copy(Jonas));
            db.Orders.Add(new Order { CustomerId = Ana.Id, ShippingAddress = "Rua das Flores 12, Lisboa", Total = 42 });
            await db.SaveChangesAsync();
        });

        var file = DatabaseBytes();
        foreach (var secret in new[] { Ana.Email, Ana.Name, Ana.CardNumber!, Jonas.Email, Jonas.Name, "Rua das Flores" })
        {
            Assert.False(Contains(file, secret), "the database file contains a plaintext value");
        }

        Assert.True(Contains(file, Ana.Id.ToString().ToUpperInvariant()) || Contains(file, Ana.Id.ToString()), "the subject id stays in clear");

        await host.WithContextAsync(async db =>
        {
            var tracked = await db.Customers.SingleAsync(c => c.Id == Ana.Id);
            Assert.Equal((Ana.Email, Ana.Name, Ana.CardNumber), (tracked.Email, tracked.Name, tracked.CardNumber));

            var untracked = await db.Customers.AsNoTracking().OrderBy(c => c.CreatedAt).Select(c => new { c.Email, c.Name, c.CardNumber }).ToListAsync();
            Assert.Equal([Ana.Email, Jonas.Email], untracked.Select(c => c.Email));
            Assert.Null(untracked[1].CardNumber);
            Assert.Equal("Rua das Flores 12, Lisboa", (await db.Orders.SingleAsync()).ShippingAddress);
        });
    }

    [Fact]
    public async Task Searchable_fields_are_found_through_the_blind_index_and_the_sql_carries_no_plaintext()
    {
        await using var host = await VaultHost.SqliteAsync(_folder);
        await host.WithContextAsync(async db =>
        {
            db.Customers.AddRange(Copy(Ana), Copy(Jonas));
            await db.SaveChangesAsync();
        });

        await host.WithContextAsync(async db =>
        {
            var query = db.Customers.WhereEncrypted(c => c.Email, "  ANA.SILVA@example.com ");
            var sql = query.ToQueryString();
            Assert.DoesNotContain("ana.silva", sql, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("EmailBlindIndex", sql, StringComparison.Ordinal);
            Assert.Equal(Ana.Id, (await query.SingleAsync()).Id);
            Assert.Empty(await db.Customers.WhereEncrypted(c => c.Email, "nobody@example.com").ToListAsync());

            var ana = await db.Customers.SingleAsync(c => c.Id == Ana.Id);
            ana.Email = "ana.s@example.net";
            await db.SaveChangesAsync();
        });

        await host.WithContextAsync(async db =>
        {
            Assert.Empty(await db.Customers.WhereEncrypted(c => c.Email, Ana.Email).ToListAsync());
            Assert.Equal(Ana.Id, (await db.Customers.WhereEncrypted(c => c.Email, "ana.s@example.net").SingleAsync()).Id);
            Assert.Throws<InvalidOperationException>(() => db.Customers.WhereEncrypted(c => c.Name, "Ana Silva"));
        });
        Assert.False(Contains(DatabaseBytes(), "ana.s@example.net"));
    }

    [Fact]
    public async Task Every_supported_scalar_round_trips_and_null_stays_null()
    {
        var full = new Profile
        {
            CustomerId = Ana.Id, BirthDate = new DateOnly(1990, 5, 17), Salary = 5123.45m, Score = -7, LoyaltyNumber = long.MaxValue, Vip = true,
            ExternalId = Guid.NewGuid(), LastSeen = new DateTime(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc), ConsentedAt = new DateTimeOffset(2026, 11, 1, 9, 30, 0, TimeSpan.FromHours(2)), Photo = [1, 2, 3, 255],
        };
        var empty = new Profile { CustomerId = Jonas.Id, BirthDate = DateOnly.MinValue, LastSeen = DateTime.MinValue };
        await using var host = await VaultHost.SqliteAsync(_folder);
        await host.WithContextAsync(async db =>
        {
            db.Profiles.AddRange(full, empty);
            await db.SaveChangesAsync();
        });

        await host.WithContextAsync(async db =>
        {
            var read = await db.Profiles.AsNoTracking().SingleAsync(p => p.CustomerId == Ana.Id);
            Assert.Equal(
                (full.BirthDate, full.Salary, full.Score, full.LoyaltyNumber, full.Vip, full.ExternalId, full.LastSeen, full.ConsentedAt, full.ConsentedAt!.Value.Offset),
                (read.BirthDate, read.Salary, read.Score, read.LoyaltyNumber, read.Vip, read.ExternalId, read.LastSeen, read.ConsentedAt, read.ConsentedAt!.Value.Offset));
            Assert.Equal(full.Photo, read.Photo);

            var blank = await db.Profiles.AsNoTracking().SingleAsync(p => p.CustomerId == Jonas.Id);
            Assert.Null(blank.Score);
            Assert.Null(blank.Photo);
            Assert.Null(blank.ConsentedAt);

            var rawSalary = await db.Database.SqlQueryRaw<string>("SELECT \"Salary\" AS \"Value\" FROM \"Profiles\" WHERE \"Score\" IS NOT NULL").SingleAsync();
            Assert.StartsWith("dg:", rawSalary, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_configured_max_length_is_widened_to_fit_the_ciphertext()
    {
        await using var host = await VaultHost.SqliteAsync(_folder);
        await host.WithContextAsync(db =>
        {
            var maxLength = db.Model.FindEntityType(typeof(Customer))!.FindProperty(nameof(Customer.Name))!.GetMaxLength();
            Assert.True(maxLength >= "dg:".Length + ((40 * 3 + 34 + 2) / 3 * 4), $"max length {maxLength} cannot hold an encrypted 40-character name");
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task Keys_live_wrapped_in_the_applications_database()
    {
        await using var host = await VaultHost.SqliteAsync(_folder);
        await host.WithContextAsync(async db =>
        {
            db.Customers.Add(Copy(Ana));
            await db.SaveChangesAsync();
            var keys = await db.Set<DataKeyRecord>().AsNoTracking().ToListAsync();
            Assert.Equal([DataKeyKind.Data, DataKeyKind.BlindIndex], keys.OrderBy(k => k.Id).Select(k => k.Kind));
            Assert.All(keys, k => Assert.True(k.WrappedKey!.Length > 32));
        });

        var listed = await host.Services.GetRequiredService<IKeyManager>().ListAsync();
        Assert.Equal(2, listed.Count);
    }

    [Fact]
    public async Task Comparing_or_ordering_an_encrypted_column_in_a_query_fails_clearly_instead_of_returning_nothing()
    {
        await using var host = await VaultHost.SqliteAsync(_folder);
        await host.WithContextAsync(async db =>
        {
            db.Customers.Add(Copy(Ana));
            await db.SaveChangesAsync();

            var equality = await Assert.ThrowsAsync<DataGuardException>(() => db.Customers.Where(c => c.Email == Ana.Email).ToListAsync());
            Assert.Equal("Customer.Email is encrypted, so the database cannot compare it. Find rows by its value with WhereEncrypted(x => x.Email, value), or compare it after loading.", equality.Message);
            var ordering = await Assert.ThrowsAsync<DataGuardException>(() => db.Customers.OrderBy(c => c.Name).ToListAsync());
            Assert.StartsWith("Customer.Name is encrypted, so the database cannot order by it.", ordering.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<DataGuardException>(() => db.Customers.Where(c => c.Name.StartsWith("Ana")).ToListAsync());

            Assert.Single(await db.Customers.Where(c => c.CardNumber != null && c.CreatedAt < DateTime.UtcNow).OrderBy(c => c.CreatedAt).ToListAsync());
        });
    }

    [Fact]
    public async Task The_first_save_of_a_new_database_may_happen_inside_an_application_transaction()
    {
        // The first keys are written on their own connection; on SQLite that must happen before the application's
        // transaction takes the database lock.
        await using var host = await VaultHost.SqliteAsync(_folder);
        await host.WithContextAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Customers.Add(Copy(Ana));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        });

        Assert.Equal(Ana.Email, await host.WithContextAsync(db => db.Customers.Select(c => c.Email).SingleAsync()));
    }

    [Fact]
    public async Task A_value_copied_into_another_column_fails_with_a_clear_error()
    {
        await using var host = await VaultHost.SqliteAsync(_folder);
        await host.WithContextAsync(async db =>
        {
            db.Customers.Add(Copy(Ana));
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Customers\" SET \"Name\" = \"Email\"");
        });

        var ex = await Assert.ThrowsAsync<DataGuardCryptoException>(() => host.WithContextAsync(db => db.Customers.AsNoTracking().SingleAsync()));
        Assert.Equal(("Customer", "Name"), (ex.Entity, ex.Property));
        Assert.DoesNotContain(Ana.Email, ex.ToString(), StringComparison.Ordinal);
    }
}

public sealed class ModelPerApplicationTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Models_are_cached_per_application_not_per_scope()
    {
        // What DataGuard controls is the cache key; whether EF Core's model cache (about a hundred models) still holds
        // an entry depends on how many hosts the process has made, which in a test run is many.
        await using var first = await VaultHost.SqliteAsync(_folder);
        await using var second = await VaultHost.StartAsync(o => o.UseSqlite($"Data Source={_folder.File("other.db")}"));
        static Task<object> Key(DbContext db) => Task.FromResult(new DataGuard.EFCore.Infrastructure.DataGuardModelCacheKeyFactory(
            Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory>(db))
            .Create(db, designTime: false));

        var a = await first.WithContextAsync(Key);
        var b = await first.WithContextAsync(Key);
        var c = await second.WithContextAsync(Key);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public async Task Many_hosts_in_one_process_share_EF_internal_services()
    {
        // One internal service provider per host would trip EF Core's "more than twenty service providers" error in
        // any integration-test suite; models are told apart by the cache key instead.
        for (var i = 0; i < 25; i++)
        {
            await using var host = await VaultHost.StartAsync(o => o.UseSqlite($"Data Source={_folder.File($"host{i}.db")}"));
            await host.WithContextAsync(async db =>
            {
                db.Notes.Add(new Note { Id = 1, Text = "host " + i });
                await db.SaveChangesAsync();
            });
            Assert.Equal("host " + i, await host.WithContextAsync(db => db.Notes.Select(n => n.Text).SingleAsync()));
        }
    }
}
