using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Subjects;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Consent;

/// <summary>Every consent state, against a real database: the derived classes say which one.</summary>
public abstract class ConsentStateTests
{
    private readonly SubjectId _subject = Guid.NewGuid();

    /// <summary>Points a context at the class's database.</summary>
    protected abstract void ConfigureDb(DbContextOptionsBuilder options);

    protected ConsentHost NewHost() => new(ConfigureDb);

    [StoreFact]
    public async Task Never_asked_is_absent_and_fails_the_check()
    {
        await using var host = NewHost();
        var state = await host.InScopeAsync(c => c.GetAsync(_subject, "marketing"));

        Assert.Equal(ConsentStatus.Absent, state.Status);
        Assert.False(await host.InScopeAsync(c => c.HasConsentAsync(_subject, "marketing")));
        var ex = await Assert.ThrowsAsync<ConsentRequiredException>(() => host.InScopeAsync(c => c.EnsureConsentAsync(_subject, "marketing")));
        Assert.Equal(ConsentStatus.Absent, ex.Reason);
    }

    [StoreFact]
    public async Task Granted_consent_passes_the_check()
    {
        await using var host = NewHost();
        await host.InScopeAsync(c => c.GrantAsync(_subject, "marketing"));

        var state = await host.InScopeAsync(c => c.GetAsync(_subject, "marketing"));
        Assert.Equal(ConsentStatus.Granted, state.Status);
        Assert.Equal("2026-11", state.NoticeVersion);
        Assert.Equal(ConsentHost.Start.AddDays(30), state.ExpiresAt);
        Assert.True(await host.InScopeAsync(c => c.HasConsentAsync(_subject, "marketing")));
        await host.InScopeAsync(c => c.EnsureConsentAsync(_subject, "marketing"));
    }

    [StoreFact]
    public async Task Withdrawn_consent_fails_with_the_reason_withdrawn()
    {
        await using var host = NewHost();
        await host.InScopeAsync(c => c.GrantAsync(_subject, "marketing"));
        Assert.True(await host.InScopeAsync(c => c.WithdrawAsync(_subject, "marketing")));

        Assert.False(await host.InScopeAsync(c => c.HasConsentAsync(_subject, "marketing")));
        var ex = await Assert.ThrowsAsync<ConsentRequiredException>(() => host.InScopeAsync(c => c.EnsureConsentAsync(_subject, "marketing")));
        Assert.Equal(ConsentStatus.Withdrawn, ex.Reason);
    }

    [StoreFact]
    public async Task Re_granted_consent_passes_again_and_the_history_keeps_all_three_records()
    {
        await using var host = NewHost();
        await host.InScopeAsync(c => c.GrantAsync(_subject, "marketing"));
        await host.InScopeAsync(c => c.WithdrawAsync(_subject, "marketing"));
        host.Time.Advance(TimeSpan.FromHours(1));
        await host.InScopeAsync(c => c.GrantAsync(_subject, "marketing"));

        Assert.Equal(ConsentStatus.Granted, (await host.InScopeAsync(c => c.GetAsync(_subject, "marketing"))).Status);
        var history = await host.InScopeAsync(c => c.GetHistoryAsync(_subject));
        Assert.Equal([ConsentRecordKind.Granted, ConsentRecordKind.Withdrawn, ConsentRecordKind.Granted], history.Select(r => r.Kind));
    }

    [StoreFact]
    public async Task Consent_expires_when_its_expiry_passes()
    {
        await using var host = NewHost();
        await host.InScopeAsync(c => c.GrantAsync(_subject, "marketing"));

        host.Time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        Assert.Equal(ConsentStatus.Granted, (await host.InScopeAsync(c => c.GetAsync(_subject, "marketing"))).Status);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ConsentStatus.Expired, (await host.InScopeAsync(c => c.GetAsync(_subject, "marketing"))).Status);
        Assert.False(await host.InScopeAsync(c => c.HasConsentAsync(_subject, "marketing")));
    }

    [StoreFact]
    public async Task Consent_under_an_older_notice_is_outdated_unless_the_purpose_accepts_older_notices()
    {
        await using var host = NewHost();
        await host.InScopeAsync(c => c.GrantAsync(_subject, "marketing", new ConsentDetails { NoticeVersion = "2026-05" }));
        await host.InScopeAsync(c => c.GrantAsync(_subject, "newsletter", new ConsentDetails { NoticeVersion = "v1" }));

        var ex = await Assert.ThrowsAsync<ConsentRequiredException>(() => host.InScopeAsync(c => c.EnsureConsentAsync(_subject, "marketing")));
        Assert.Equal(ConsentStatus.OutdatedNotice, ex.Reason);
        Assert.True(await host.InScopeAsync(c => c.HasConsentAsync(_subject, "newsletter")));
    }

    [StoreFact]
    public async Task Restriction_fails_every_purpose_but_legal_obligation_until_it_is_lifted()
    {
        await using var host = NewHost();
        await host.InScopeAsync(c => c.GrantAsync(_subject, "marketing"));
        await host.InScopeAsync(c => c.RestrictAsync(_subject));

        var states = await host.InScopeAsync(c => c.GetAsync(_subject));
        Assert.Equal(
            [ConsentStatus.Restricted, ConsentStatus.Restricted, ConsentStatus.Restricted, ConsentStatus.Restricted, ConsentStatus.NotRequired],
            states.Select(s => s.Status));
        var ex = await Assert.ThrowsAsync<ConsentRequiredException>(() => host.InScopeAsync(c => c.EnsureConsentAsync(_subject, "billing")));
        Assert.Equal(ConsentStatus.Restricted, ex.Reason);
        Assert.True(await host.InScopeAsync(c => c.HasConsentAsync(_subject, "tax-records")));

        await host.InScopeAsync(c => c.LiftRestrictionAsync(_subject));
        Assert.True(await host.InScopeAsync(c => c.HasConsentAsync(_subject, "marketing")));
        Assert.True(await host.InScopeAsync(c => c.HasConsentAsync(_subject, "billing")));
    }

    [StoreFact]
    public async Task Objection_to_a_legitimate_interest_purpose_fails_it_but_not_other_purposes()
    {
        await using var host = NewHost();
        Assert.True(await host.InScopeAsync(c => c.HasConsentAsync(_subject, "profiling")));
        await host.InScopeAsync(c => c.ObjectAsync(_subject, "profiling"));

        var ex = await Assert.ThrowsAsync<ConsentRequiredException>(() => host.InScopeAsync(c => c.EnsureConsentAsync(_subject, "profiling")));
        Assert.Equal(ConsentStatus.Objected, ex.Reason);
        Assert.True(await host.InScopeAsync(c => c.HasConsentAsync(_subject, "billing")));
        Assert.Equal(AuditActions.ProcessingObjected, Assert.Single(host.Audit.Events).Action);
    }

    [StoreFact]
    public async Task Contract_and_legal_obligation_purposes_pass_without_a_consent_record()
    {
        await using var host = NewHost();

        Assert.Equal(ConsentStatus.NotRequired, (await host.InScopeAsync(c => c.GetAsync(_subject, "billing"))).Status);
        Assert.True(await host.InScopeAsync(c => c.HasConsentAsync(_subject, "billing")));
        Assert.True(await host.InScopeAsync(c => c.HasConsentAsync(_subject, "tax-records")));
        Assert.Empty(await host.InScopeAsync(c => c.GetHistoryAsync(_subject)));
    }

    [StoreFact]
    public async Task The_history_keeps_every_record_in_order_with_its_proof()
    {
        await using var host = NewHost();
        await host.InScopeAsync(c => c.GrantAsync(_subject, "marketing",
            new ConsentDetails { Source = ConsentSources.WebForm, Evidence = "{\"form\":\"signup\",\"ip\":\"hmac-sha256:ab\"}", Actor = "self" }));
        host.Time.Advance(TimeSpan.FromMinutes(5));
        await host.InScopeAsync(c => c.RestrictAsync(_subject, new ConsentDetails { Source = ConsentSources.Support, Actor = "agent-7" }));
        await host.InScopeAsync(c => c.WithdrawAsync(_subject, "marketing", new ConsentDetails { Source = ConsentSources.Api }));

        var history = await host.InScopeAsync(c => c.GetHistoryAsync(_subject));
        Assert.Equal(3, history.Count);
        var grant = history[0];
        Assert.Equal((_subject, "marketing", ConsentRecordKind.Granted, "2026-11"), (grant.SubjectId, grant.Purpose, grant.Kind, grant.NoticeVersion));
        Assert.Equal((ConsentHost.Start, ConsentHost.Start.AddDays(30)), (grant.RecordedAt, grant.ExpiresAt!.Value));
        Assert.Equal(("web-form", "{\"form\":\"signup\",\"ip\":\"hmac-sha256:ab\"}", "self"), (grant.Source, grant.Evidence, grant.Actor));
        Assert.Equal((ConsentRecord.AllPurposes, ConsentRecordKind.Restricted, "agent-7"), (history[1].Purpose, history[1].Kind, history[1].Actor));
        Assert.Equal((ConsentRecordKind.Withdrawn, ConsentHost.Start.AddMinutes(5)), (history[2].Kind, history[2].RecordedAt));
        Assert.Equal(["marketing", "marketing"], (await host.InScopeAsync(c => c.GetHistoryAsync(_subject, "marketing"))).Select(r => r.Purpose));
    }

    [StoreFact]
    public async Task A_withdrawal_in_one_host_fails_the_very_next_check_in_another()
    {
        await using var first = NewHost();
        await using var second = NewHost();
        await first.InScopeAsync(c => c.GrantAsync(_subject, "marketing"));
        Assert.True(await second.InScopeAsync(c => c.HasConsentAsync(_subject, "marketing")));

        await first.InScopeAsync(c => c.WithdrawAsync(_subject, "marketing"));

        Assert.False(await second.InScopeAsync(c => c.HasConsentAsync(_subject, "marketing")));
    }

    [StoreFact]
    public async Task A_withdrawal_through_one_context_is_seen_by_a_long_lived_context_that_checked_before()
    {
        await using var host = NewHost();
        await using var longLived = host.Services.CreateAsyncScope();
        var checker = longLived.ServiceProvider.GetRequiredService<IConsentService>();
        await host.InScopeAsync(c => c.GrantAsync(_subject, "marketing"));
        Assert.True(await checker.HasConsentAsync(_subject, "marketing"));

        await host.InScopeAsync(c => c.WithdrawAsync(_subject, "marketing"));

        Assert.False(await checker.HasConsentAsync(_subject, "marketing"));
    }

    [StoreFact]
    public void For_any_sequence_of_grants_withdrawals_and_passing_time_the_state_is_the_last_event_still_in_force()
    {
        var property = Prop.ForAll(ConsentStateModel.Ops, ops =>
        {
            var host = NewHost();
            try
            {
                return ConsentStateModel.Check(host, Guid.NewGuid(), ops).GetAwaiter().GetResult();
            }
            finally
            {
                host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), property);
    }
}
