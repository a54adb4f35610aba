using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DataGuard.DependencyInjection;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Tenants;
using DataGuard.Tenants.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Tenants;

/// <summary>A shared-database application (<see cref="TenantShopContext"/>: tenants acme and globex) with tenant
/// offboarding on, its reports signed by <see cref="Certificate"/>, on a fake clock.</summary>
internal sealed class OffboardingHost : DataGuardTestHost<TenantShopContext>
{
    public static readonly Guid Ana = Guid.Parse("0b6f1f3e-5d7a-4c0e-9a51-6a3c2d1e0f01");
    public static readonly Guid Ben = Guid.Parse("0b6f1f3e-5d7a-4c0e-9a51-6a3c2d1e0f02");

    /// <summary>acme's personal values, each distinct from globex's.</summary>
    public static readonly string[] AcmePlaintexts = ["offboard-ana@acme.example", "Ana Acmeperson", "offboard-ben@acme.example", "Ben Acmeperson",
        "acme private note about Ana"];

    private OffboardingHost(Parts parts, X509Certificate2 certificate)
        : base(parts)
    {
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    public ITenantContext Tenants => Services.GetRequiredService<ITenantContext>();

    public ITenantLifecycle Lifecycle => Services.GetRequiredService<ITenantLifecycle>();

    /// <summary>Starts the host; <paramref name="more"/> adds to DataGuard after offboarding (the job), <paramref name="register"/>
    /// adds application services (logging).</summary>
    public static Task<OffboardingHost> StartAsync(
        Action<DbContextOptionsBuilder> database,
        X509Certificate2 certificate,
        Action<TenantOffboardingOptions>? configure = null,
        Action<IDataGuardBuilder>? more = null,
        Action<IServiceCollection>? register = null)
        => StartAsync(
            new Setup(database)
            {
                DataGuard = b =>
                {
                    b.AddTenantOffboarding(o => { o.SigningCertificate = certificate; configure?.Invoke(o); });
                    more?.Invoke(b);
                },
                Register = register,
            },
            parts => new OffboardingHost(parts, certificate));

    /// <summary>acme: Ana and Ben and a note about Ana; globex: Gina (with Ana's person id) and a note.</summary>
    public async Task SeedAsync()
    {
        using (Tenants.Begin("acme"))
        {
            await AddAsync(
                new TenantClient { PersonId = Ana, Email = AcmePlaintexts[0], Name = AcmePlaintexts[1], CreatedAt = Start.UtcDateTime },
                new TenantClient { PersonId = Ben, Email = AcmePlaintexts[2], Name = AcmePlaintexts[3], CreatedAt = Start.UtcDateTime },
                new TenantNote { PersonId = Ana, Text = AcmePlaintexts[4] });
        }

        using (Tenants.Begin("globex"))
        {
            await AddAsync(
                new TenantClient { PersonId = Ana, Email = "gina@globex.example", Name = "Gina Globexperson", CreatedAt = Start.UtcDateTime },
                new TenantNote { PersonId = Ana, Text = "globex private note" });
        }
    }

    /// <summary>Records the contract end of <paramref name="tenant"/> <paramref name="daysAgo"/> days before now.</summary>
    public Task EndContractAsync(string tenant, int daysAgo) => Lifecycle.RecordContractEndAsync(tenant, Clock.GetUtcNow().AddDays(-daysAgo));

    /// <summary>The stored forms (ciphertexts) of acme's personal values, read with plain SQL.</summary>
    public async Task<List<string>> AcmeCiphertextsAsync()
    {
        var values = new List<string>();
        values.AddRange(await TextsAsync("SELECT \"Email\" FROM \"Clients\" WHERE \"TenantId\" = 'acme'"));
        values.AddRange(await TextsAsync("SELECT \"Name\" FROM \"Clients\" WHERE \"TenantId\" = 'acme'"));
        values.AddRange(await TextsAsync("SELECT \"Text\" FROM \"Notes\" WHERE \"Tenant\" = 'acme'"));
        return values;
    }

    /// <summary>acme's wrapped keys (its key-encryption key and the keys it wraps), as stored.</summary>
    public async Task<List<byte[]>> AcmeWrappedKeysAsync()
        => await WithContextAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT \"WrappedKey\" FROM \"DataGuardKeys\" WHERE \"TenantId\" = 'acme' AND \"WrappedKey\" IS NOT NULL";
            var keys = new List<byte[]>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                keys.Add((byte[])reader.GetValue(0));
            }

            return keys;
        });

    /// <summary>Every table's row count and every key row (id, kind, status, wrapped bytes): what a dry run must leave alone.</summary>
    public async Task<string> SnapshotAsync()
    {
        var sqlite = await WithContextAsync(db => Task.FromResult(db.Database.IsSqlite()));
        var tables = await TextsAsync(sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            : "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
        var snapshot = new StringBuilder();
        foreach (var table in tables)
        {
            snapshot.Append(table).Append(' ').AppendJoin(",", await TextsAsync($"SELECT COUNT(*) FROM \"{table}\"")).AppendLine();
        }

        snapshot.AppendJoin(Environment.NewLine, await TextsAsync(
            "SELECT \"Id\" || ' ' || \"Kind\" || ' ' || \"Status\" || ' ' || COALESCE(\"TenantId\", '-') || ' ' || COALESCE(" +
            (sqlite ? "hex(\"WrappedKey\")" : "encode(\"WrappedKey\", 'hex')") + ", '-') FROM \"DataGuardKeys\" ORDER BY \"Id\""));
        return snapshot.ToString();
    }

    /// <summary>The e-mails of <paramref name="tenant"/>'s clients, read (and decrypted) inside its scope.</summary>
    public async Task<List<string>> EmailsOfAsync(string tenant)
    {
        using (Tenants.Begin(tenant))
        {
            return await WithContextAsync(db => db.Clients.IgnoreQueryFilters().AsNoTracking().Where(c => c.TenantId == tenant).OrderBy(c => c.Id)
                .Select(c => c.Email).ToListAsync());
        }
    }

    public Task<List<string>> TextsAsync(string sql) => WithContextAsync(async db =>
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return values;
    });
}
