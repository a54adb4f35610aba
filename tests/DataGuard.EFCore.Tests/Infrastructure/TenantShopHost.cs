using System.Globalization;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Retention;
using DataGuard.Subjects;
using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Infrastructure;

/// <summary>An application on <see cref="TenantShopContext"/> (tenants acme and globex in one database), wired as a user
/// would, on a fake clock.</summary>
internal sealed class TenantShopHost : DataGuardTestHost<TenantShopContext>
{
    public static readonly DateTime Now = Start.UtcDateTime;

    private TenantShopHost(Parts parts)
        : base(parts)
    {
    }

    public ITenantContext Tenants => Services.GetRequiredService<ITenantContext>();

    public ISubjectRightsService Subjects => Services.GetRequiredService<ISubjectRightsService>();

    public IRetentionService Retention => Services.GetRequiredService<IRetentionService>();

    public IKeyManager Keys => Services.GetRequiredService<IKeyManager>();

    public IFieldReencryptor Reencryptor => Services.GetRequiredService<IFieldReencryptor>();

    public static Task<TenantShopHost> StartAsync(Action<DbContextOptionsBuilder> database)
        => StartAsync(new Setup(database), static parts => new TenantShopHost(parts));

    /// <summary>Adds rows inside <paramref name="tenant"/>'s scope.</summary>
    public async Task AddAsync(string tenant, params object[] entities)
    {
        using (Tenants.Begin(tenant))
        {
            await AddAsync(entities);
        }
    }

    /// <summary>Counts rows with plain SQL, which no query filter or tenant scope touches: the oracle for what the database holds.</summary>
    public Task<long> CountAsync(string table, string where = "1 = 1") => WithContextAsync(async db =>
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE {where}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    });

    /// <summary>Reads one text column of every row with plain SQL, in key order.</summary>
    public Task<List<string?>> ColumnAsync(string table, string column, string where = "1 = 1") => WithContextAsync(async db =>
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT \"{column}\" FROM \"{table}\" WHERE {where} ORDER BY \"Id\"";
        var values = new List<string?>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? null : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture));
        }

        return values;
    });
}
