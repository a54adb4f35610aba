using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Purposes;
using DataGuard.Subjects;
using DataGuard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Purposes;

public sealed class PurposeGuardTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private static async Task<PurposeDecision> CheckAsync(PurposeHost host, SubjectId subject, string purpose, params PersonalCategory[] categories)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IPurposeGuard>().CheckAsync(subject, purpose, categories);
    }

    [Fact]
    public async Task The_guard_combines_declaration_consent_restriction_and_objection()
    {
        await using var host = await PurposeHost.SqliteAsync(_folder,
            o => o.Purposes.Add("research", lawfulBasis: LawfulBasis.LegitimateInterests).Uses(PersonalCategory.Health));
        SubjectId alice = Guid.NewGuid();

        Assert.Equal(PurposeDenialReason.NotDeclared, (await CheckAsync(host, alice, "advertising", PersonalCategory.Contact)).Reason);
        Assert.Equal(PurposeDenialReason.NotDeclared, (await CheckAsync(host, alice, PurposeCollection.ModelTraining, PersonalCategory.Demographic)).Reason);

        var undeclared = await CheckAsync(host, alice, "billing", PersonalCategory.Contact, PersonalCategory.Health);
        Assert.Equal(PurposeDenialReason.CategoryNotDeclared, undeclared.Reason);
        Assert.Equal([PersonalCategory.Health], undeclared.RefusedCategories);

        var noConsent = await CheckAsync(host, alice, "care", PersonalCategory.Health);
        Assert.Equal((PurposeDenialReason.Consent, (ConsentStatus?)ConsentStatus.Absent), (noConsent.Reason, noConsent.ConsentStatus));

        await host.ConsentAsync(c => c.GrantAsync(alice, "care"));
        Assert.True((await CheckAsync(host, alice, "care", PersonalCategory.Health)).IsAllowed);
        Assert.True((await CheckAsync(host, alice, "billing", PersonalCategory.Contact)).IsAllowed);

        await host.ConsentAsync(c => c.ObjectAsync(alice, "research"));
        Assert.Equal(ConsentStatus.Objected, (await CheckAsync(host, alice, "research", PersonalCategory.Health)).ConsentStatus);

        await host.ConsentAsync(c => c.RestrictAsync(alice));
        var restricted = await CheckAsync(host, alice, "billing", PersonalCategory.Contact);
        Assert.Equal((PurposeDenialReason.Consent, (ConsentStatus?)ConsentStatus.Restricted), (restricted.Reason, restricted.ConsentStatus));
    }

    [Fact]
    public async Task A_consent_under_an_older_notice_needs_a_fresh_one()
    {
        SubjectId alice = Guid.NewGuid();
        var folder = _folder;
        await using (var host = await PurposeHost.SqliteAsync(folder))
        {
            await host.ConsentAsync(c => c.GrantAsync(alice, "care"));
            Assert.True((await CheckAsync(host, alice, "care", PersonalCategory.Health)).IsAllowed);
        }

        // The application now shows a new notice for care: the consent given under the old one no longer counts.
        await using (var host = await PurposeHost.SqliteAsync(folder, o => o.Purposes.Find("care")!.NoticeVersion = "2027-01"))
        {
            var stale = await CheckAsync(host, alice, "care", PersonalCategory.Health);
            Assert.Equal(ConsentStatus.OutdatedNotice, stale.ConsentStatus);
            await using var scope = host.Services.CreateAsyncScope();
            var refused = await Assert.ThrowsAsync<PurposeNotAllowedException>(
                () => scope.ServiceProvider.GetRequiredService<IPurposeGuard>().EnsureAllowedAsync(alice, "care", [PersonalCategory.Health]));
            Assert.Equal(PurposeDenialReason.Consent, refused.Reason);
        }
    }
}
