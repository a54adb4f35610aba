using DataGuard.Consent;
using DataGuard.Encryption;
using DataGuard.Model;
using DataGuard.Purposes;
using DataGuard.Subjects;
using DataGuard.Tenants;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Purposes;

/// <summary>Purpose scopes share subjects' consent states for a bounded time (PurposeLimitationOptions.ConsentCacheDuration),
/// and a consent written through the application drops them at once.</summary>
public sealed class PurposeConsentCacheTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly ConsentLookupCounter _lookups = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private Task<PurposeHost> HostAsync(Action<DataGuardOptions>? configure = null) => PurposeHost.SqliteAsync(_folder, configure, replace: services =>
    {
        var original = services.Last(d => d.ServiceType == typeof(IConsentStore));
        services.Remove(original);
        services.Add(ServiceDescriptor.Describe(
            typeof(IConsentStore),
            sp
                => new CountingConsentStore((IConsentStore)(original.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp,
                    original.ImplementationType!)), _lookups),
            original.Lifetime));
    });

    private static async Task<CarePatient?> ReadUnderAsync(PurposeHost host, string purpose)
    {
        using (host.Purposes.Begin(purpose))
        {
            await using var db = host.NewContext();
            return await db.Patients.AsNoTracking().SingleAsync();
        }
    }

    [Fact]
    public async Task A_later_scope_reuses_the_state_an_earlier_scope_read()
    {
        await using var host = await HostAsync();
        var alice = await host.AddPatientAsync("Alice", "asthma");
        await host.ConsentAsync(c => c.GrantAsync(alice.Id, "care"));

        for (var i = 0; i < 5; i++)
        {
            Assert.NotNull(await ReadUnderAsync(host, "care"));
        }

        Assert.Equal(1, _lookups.Count);
    }

    [Fact]
    public async Task A_withdrawal_written_by_another_instance_takes_effect_within_the_cache_duration()
    {
        await using var host = await HostAsync();
        var alice = await host.AddPatientAsync("Alice", "asthma");
        await host.ConsentAsync(c => c.GrantAsync(alice.Id, "care"));
        Assert.NotNull(await ReadUnderAsync(host, "care"));

        // Another instance writes the withdrawal: this application's consent service never sees it.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IConsentStore>().AppendAsync(new ConsentRecord
            {
                SubjectId = SubjectId.From(alice.Id),
                Purpose = "care",
                Kind = ConsentRecordKind.Withdrawn,
                RecordedAt = host.Clock.GetUtcNow(),
            });
        }

        host.Clock.Advance(TimeSpan.FromSeconds(4));
        Assert.NotNull(await ReadUnderAsync(host, "care"));

        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var refused = await Assert.ThrowsAsync<PurposeNotAllowedException>(() => ReadUnderAsync(host, "care"));
        Assert.Equal(ConsentStatus.Withdrawn, refused.Decision.ConsentStatus);
    }

    [Fact]
    public async Task A_withdrawal_through_the_consent_service_stops_the_next_scope_at_once()
    {
        await using var host = await HostAsync();
        var alice = await host.AddPatientAsync("Alice", "asthma");
        await host.ConsentAsync(c => c.GrantAsync(alice.Id, "care"));
        Assert.NotNull(await ReadUnderAsync(host, "care"));

        await host.ConsentAsync(c => c.WithdrawAsync(alice.Id, "care"));

        var refused = await Assert.ThrowsAsync<PurposeNotAllowedException>(() => ReadUnderAsync(host, "care"));
        Assert.Equal(ConsentStatus.Withdrawn, refused.Decision.ConsentStatus);
    }

    [Fact]
    public async Task A_grant_cached_for_one_tenant_does_not_answer_for_the_same_subject_in_another()
    {
        await using var host = await HostAsync(o => o.PurposeLimitation.ConsentCacheDuration = TimeSpan.FromHours(1));
        var tenants = host.Services.GetRequiredService<ITenantContext>();
        using (tenants.Begin("acme"))
        {
            // Written in acme's scope, so under acme's keys: a tenant reads values only under its own keys.
            var alice = await host.AddPatientAsync("Alice", "asthma");
            await host.ConsentAsync(c => c.GrantAsync(alice.Id, "care"));
            Assert.NotNull(await ReadUnderAsync(host, "care"));
        }

        using (tenants.Begin("globex"))
        {
            var refused = await Assert.ThrowsAsync<PurposeNotAllowedException>(() => ReadUnderAsync(host, "care"));
            Assert.Equal(ConsentStatus.Absent, refused.Decision.ConsentStatus);
        }
    }

    [Fact]
    public async Task A_purpose_scope_holds_no_tenants_state_for_a_tenant_scope_opened_after_it()
    {
        await using var host = await HostAsync();
        var tenants = host.Services.GetRequiredService<ITenantContext>();
        using (tenants.Begin("acme"))
        {
            // Written in acme's scope, so under acme's keys: a tenant reads values only under its own keys.
            var alice = await host.AddPatientAsync("Alice", "asthma");
            await host.ConsentAsync(c => c.GrantAsync(alice.Id, "care"));
        }

        using (host.Purposes.Begin("care"))
        {
            using (tenants.Begin("acme"))
            {
                await using var db = host.NewContext();
                Assert.NotNull(await db.Patients.AsNoTracking().SingleAsync());
            }

            using (tenants.Begin("globex"))
            {
                await using var db = host.NewContext();
                // Refused either way: by the purpose check (globex has no consent of Alice's) or, when the row is
                // materialised first, because acme's keys are not globex's. Nothing of acme's scope state answers here.
                var refused = await Assert.ThrowsAnyAsync<DataGuardException>(() => db.Patients.AsNoTracking().SingleAsync());
                Assert.True(
                    refused is PurposeNotAllowedException { Decision.ConsentStatus: ConsentStatus.Absent } or DataGuardCryptoException,
                    refused.GetType().Name);
            }
        }
    }

    [Fact]
    public async Task A_cached_grant_that_expires_is_refused_as_expired()
    {
        await using var host = await HostAsync(o => o.PurposeLimitation.ConsentCacheDuration = TimeSpan.FromHours(1));
        var alice = await host.AddPatientAsync("Alice", "asthma");
        await host.ConsentAsync(c => c.GrantAsync(alice.Id, "care", new ConsentDetails { ExpiresAt = host.Clock.GetUtcNow().AddMinutes(10) }));
        Assert.NotNull(await ReadUnderAsync(host, "care"));

        host.Clock.Advance(TimeSpan.FromMinutes(10));

        var refused = await Assert.ThrowsAsync<PurposeNotAllowedException>(() => ReadUnderAsync(host, "care"));
        Assert.Equal(ConsentStatus.Expired, refused.Decision.ConsentStatus);
        Assert.Equal(1, _lookups.Count);
    }

    [Fact]
    public async Task With_a_zero_duration_every_scope_reads_consent_afresh()
    {
        await using var host = await HostAsync(o => o.PurposeLimitation.ConsentCacheDuration = TimeSpan.Zero);
        var alice = await host.AddPatientAsync("Alice", "asthma");
        await host.ConsentAsync(c => c.GrantAsync(alice.Id, "care"));

        Assert.NotNull(await ReadUnderAsync(host, "care"));
        Assert.NotNull(await ReadUnderAsync(host, "care"));

        Assert.Equal(2, _lookups.Count);
    }

    [Fact]
    public async Task A_legal_obligation_reads_no_consent_even_for_a_restricted_subject()
    {
        await using var host = await HostAsync(o => o.Purposes.Add("tax-records", lawfulBasis: LawfulBasis.LegalObligation)
            .Uses(PersonalCategory.Identity, PersonalCategory.Contact, PersonalCategory.Health, PersonalCategory.Demographic));
        var alice = await host.AddPatientAsync("Alice", "asthma");
        await host.ConsentAsync(c => c.RestrictAsync(alice.Id));
        _lookups.Count = 0;

        Assert.NotNull(await ReadUnderAsync(host, "tax-records"));

        Assert.Equal(0, _lookups.Count);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3601)]
    public void A_cache_duration_outside_zero_to_one_hour_fails_at_start_up(int seconds)
    {
        var services = new ServiceCollection();
        services.AddDataGuard(o => o.PurposeLimitation.ConsentCacheDuration = TimeSpan.FromSeconds(seconds));
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DataGuardOptions>>().Value);
        Assert.Contains("ConsentCacheDuration", failure.Message, StringComparison.Ordinal);
    }
}
