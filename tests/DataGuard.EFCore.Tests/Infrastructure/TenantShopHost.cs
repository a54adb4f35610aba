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
}
