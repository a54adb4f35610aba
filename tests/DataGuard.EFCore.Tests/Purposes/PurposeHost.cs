using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.EFCore.Audit;
using DataGuard.Model;
using DataGuard.Purposes;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.EFCore.Tests.Purposes;

/// <summary>A clinic with purposes that declare what they use: care (consent, every category of the patient),
/// billing (contract, identity and contact), payroll (contract, financial), and model training when a test declares it.</summary>
internal sealed class PurposeHost : IAsyncDisposable
{
    private PurposeHost(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public IPurposeContext Purposes => Services.GetRequiredService<IPurposeContext>();

    public static async Task<PurposeHost> SqliteAsync(TempDirectory folder, Action<DataGuardOptions>? configure = null, bool masking = false,
        Action<IServiceCollection>? replace = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));
        var builder = services.AddDataGuard(o =>
        {
            o.Purposes.Add("care", notice: "2026-12").Uses(PersonalCategory.Identity, PersonalCategory.Contact, PersonalCategory.Health,
                PersonalCategory.Demographic);
            o.Purposes.Add("billing", lawfulBasis: LawfulBasis.Contract).Uses(PersonalCategory.Identity, PersonalCategory.Contact);
            o.Purposes.Add("payroll", lawfulBasis: LawfulBasis.Contract).Uses(PersonalCategory.Financial);
            o.Purposes.Add("reporting", lawfulBasis: LawfulBasis.LegitimateInterests).UsesEntities(typeof(PayrollRecord));
            configure?.Invoke(o);
        });
        if (masking)
        {
            builder.AddMasking();
        }

        builder.UseEntityFrameworkStores<PurposeClinicContext>().AddAuditing(o => o.AuditAllReads = true);
        services.AddDbContext<PurposeClinicContext>(
            (sp, o) => o.UseDataGuard(sp)
                .UseSqlite($"Data Source={folder.File("purpose.db")};Pooling=False")
                .ConfigureWarnings(w => w.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning)),
            ServiceLifetime.Transient,
            ServiceLifetime.Singleton);
        replace?.Invoke(services);
        var host = new PurposeHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }));
        await using var db = host.NewContext();
        await db.Database.EnsureCreatedAsync();
        return host;
    }

    public FakeTimeProvider Clock => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

    public PurposeClinicContext NewContext() => Services.GetRequiredService<PurposeClinicContext>();

    public async Task<T> ConsentAsync<T>(Func<IConsentService, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IConsentService>());
    }

    public async Task<CarePatient> AddPatientAsync(string name, string notes)
    {
        var patient = new CarePatient { Id = Guid.NewGuid(), Name = name, Email = $"{name.ToLowerInvariant()}@example.org", Notes = notes, BirthYear = 1980,
            Ward = "B" };
        await using var db = NewContext();
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        return patient;
    }

    public async Task<List<AuditEntryRecord>> ReadsAsync()
    {
        await Services.GetRequiredService<AuditReadWriter>().StopAsync(CancellationToken.None);
        await using var db = NewContext();
        return await db.Set<AuditEntryRecord>().AsNoTracking().Where(e => e.Action == AuditActions.DataRead).OrderBy(e => e.Sequence).ToListAsync();
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
