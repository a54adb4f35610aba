using DataGuard.Tenants;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Pkcs11.Tests.Tenants;

/// <summary>One instance of a multi-tenant application: <see cref="ClinicContext"/> on a database the tenants share, the
/// platform's keys under a Data Protection provider passed in (so a restart keeps the platform's key-encryption key), and
/// a <see cref="Pkcs11KeyWrapper"/> of its own for each tenant in <c>customerKeys</c> (customer-managed keys on a
/// SoftHSM2 token). A new host is a restart: nothing unwrapped is cached.</summary>
internal sealed class HsmTenantHost : IAsyncDisposable
{
    private HsmTenantHost(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public ITenantContext Tenants => Services.GetRequiredService<ITenantContext>();

    public static HsmTenantHost Start(
        TenantDatabase database,
        IDataProtectionProvider dataProtection,
        IReadOnlyDictionary<string, Pkcs11KeyWrapperOptions> customerKeys,
        TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        var builder = services.AddDataGuard().UseEntityFrameworkStores<ClinicContext>();
        foreach (var (tenant, options) in customerKeys)
        {
            builder.UseTenantKeyWrapper(tenant, _ => new Pkcs11KeyWrapper(options));
        }

        services.AddSingleton(dataProtection);
        services.AddDbContext<ClinicContext>((sp, o) =>
            (database.Postgres ? o.UseNpgsql(database.ConnectionString) : o.UseSqlite(database.ConnectionString))
                .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.ManyServiceProvidersCreatedWarning))
                .UseDataGuard(sp));
        return new HsmTenantHost(services.BuildServiceProvider());
    }

    /// <summary>Runs <paramref name="work"/> on a context created inside <paramref name="tenant"/>'s scope (none for
    /// <see langword="null"/>).</summary>
    public async Task<T> InTenantAsync<T>(string? tenant, Func<ClinicContext, Task<T>> work)
    {
        using var scope = tenant is null ? null : Tenants.Begin(tenant);
        await using var services = Services.CreateAsyncScope();
        return await work(services.ServiceProvider.GetRequiredService<ClinicContext>());
    }

    /// <summary>Runs <paramref name="work"/> with a service of the host inside <paramref name="tenant"/>'s scope.</summary>
    public async Task<T> WithServiceAsync<TService, T>(string tenant, Func<TService, Task<T>> work)
        where TService : notnull
    {
        using var scope = Tenants.Begin(tenant);
        return await work(Services.GetRequiredService<TService>());
    }

    public Task CreateDatabaseAsync() => InTenantAsync(null, db => db.Database.EnsureCreatedAsync());

    public Task<Guid> AddAsync(string tenant, string email, string diagnosis)
        => InTenantAsync(tenant, async db =>
        {
            var patient = new ClinicPatient { Id = Guid.NewGuid(), TenantId = tenant, Email = email, Diagnosis = diagnosis };
            db.Patients.Add(patient);
            await db.SaveChangesAsync();
            return patient.Id;
        });

    /// <summary>The patient's decrypted e-mail and diagnosis, read inside the tenant's scope.</summary>
    public Task<(string Email, string Diagnosis)> ReadAsync(string tenant, Guid id)
        => InTenantAsync(tenant, async db =>
        {
            var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == id);
            return (patient.Email, patient.Diagnosis);
        });

    /// <summary>How many of the tenant's patients have <paramref name="email"/>, found through the blind index.</summary>
    public Task<int> CountByEmailAsync(string tenant, string email)
        => InTenantAsync(tenant, db => db.Patients.WhereEncrypted(p => p.Email, email).CountAsync());

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
