using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Subjects;

namespace DataGuard.Tests.Consent;

public sealed class ConsentServiceTests : IDisposable
{
    private readonly ConsentServices _services = new();
    private readonly SubjectId _ana = (SubjectId)"ana@example.com";

    private IConsentService Consents => _services.Consents;

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task A_grant_records_notice_source_evidence_actor_and_the_default_expiry()
    {
        var record = await Consents.GrantAsync(_ana, "MARKETING",
            new ConsentDetails { Source = ConsentSources.WebForm, Evidence = "{\"form\":\"signup\"}", Actor = "ana" });

        Assert.Equal("marketing", record.Purpose);
        Assert.Equal(ConsentRecordKind.Granted, record.Kind);
        Assert.Equal("2026-11", record.NoticeVersion);
        Assert.Equal(ConsentServices.Start, record.RecordedAt);
        Assert.Equal(ConsentServices.Start.AddDays(30), record.ExpiresAt);
        Assert.Equal(("web-form", "{\"form\":\"signup\"}", "ana"), (record.Source, record.Evidence, record.Actor));
    }

    [Fact]
    public async Task Ensure_consent_names_purpose_and_reason_but_never_the_subject()
    {
        var ex = await Assert.ThrowsAsync<ConsentRequiredException>(() => Consents.EnsureConsentAsync(_ana, "marketing"));

        Assert.Equal("marketing", ex.Purpose);
        Assert.Equal(ConsentStatus.Absent, ex.Reason);
        Assert.Equal("Processing for purpose 'marketing' may not go ahead: no consent was given (absent).", ex.Message);
        Assert.IsAssignableFrom<DataGuardException>(ex);
    }

    [Fact]
    public async Task Withdraw_is_idempotent_and_records_only_a_withdrawal_of_a_grant()
    {
        Assert.False(await Consents.WithdrawAsync(_ana, "marketing"));
        await Consents.GrantAsync(_ana, "marketing");
        Assert.True(await Consents.WithdrawAsync(_ana, "marketing"));
        Assert.False(await Consents.WithdrawAsync(_ana, "marketing"));

        var history = await Consents.GetHistoryAsync(_ana, "marketing");
        Assert.Equal([ConsentRecordKind.Granted, ConsentRecordKind.Withdrawn], history.Select(r => r.Kind));
    }

    [Fact]
    public async Task Every_grant_withdrawal_restriction_lift_and_objection_is_an_audit_event_without_evidence()
    {
        await Consents.GrantAsync(_ana, "marketing", new ConsentDetails { Evidence = "secret-proof", Source = ConsentSources.Api });
        await Consents.WithdrawAsync(_ana, "marketing");
        await Consents.RestrictAsync(_ana);
        await Consents.LiftRestrictionAsync(_ana);
        await Consents.ObjectAsync(_ana, "profiling");
        await Consents.WithdrawAsync(_ana, "marketing"); // nothing to withdraw: no event

        Assert.Equal(
            [AuditActions.ConsentGranted, AuditActions.ConsentWithdrawn, AuditActions.ProcessingRestricted, AuditActions.RestrictionLifted,
                AuditActions.ProcessingObjected],
            _services.Audit.Events.Select(e => e.Action));
        Assert.All(_services.Audit.Events, e => Assert.Equal(_ana, e.SubjectId));
        Assert.Equal(["marketing", "marketing", null, null, "profiling"], _services.Audit.Events.Select(e => e.Purpose));
        Assert.Equal("notice 2026-11, source api", _services.Audit.Events.First().Details);
        Assert.DoesNotContain(_services.Audit.Events, e => e.Details?.Contains("secret", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Restrict_and_lift_are_idempotent()
    {
        Assert.False(await Consents.LiftRestrictionAsync(_ana));
        Assert.True(await Consents.RestrictAsync(_ana));
        Assert.False(await Consents.RestrictAsync(_ana));
        Assert.True(await Consents.LiftRestrictionAsync(_ana));
        Assert.True(await Consents.ObjectAsync(_ana, "profiling"));
        Assert.False(await Consents.ObjectAsync(_ana, "profiling"));
    }

    [Fact]
    public async Task An_explicit_expiry_and_notice_override_the_purpose_defaults()
    {
        var expires = new DateTimeOffset(2027, 1, 1, 12, 0, 0, TimeSpan.FromHours(2));
        var record = await Consents.GrantAsync(_ana, "marketing", new ConsentDetails { ExpiresAt = expires, NoticeVersion = "2026-10" });

        Assert.Equal(expires, record.ExpiresAt);
        Assert.Equal(TimeSpan.Zero, record.ExpiresAt!.Value.Offset);
        Assert.Equal(ConsentStatus.OutdatedNotice, (await Consents.GetAsync(_ana, "marketing")).Status);
    }

    [Fact]
    public async Task Get_returns_one_state_per_declared_purpose_in_declaration_order()
    {
        await Consents.GrantAsync(_ana, "marketing");
        await Consents.ObjectAsync(_ana, "profiling");

        var states = await Consents.GetAsync(_ana);

        Assert.Equal(["marketing", "newsletter", "profiling", "billing", "tax-records"], states.Select(s => s.Purpose));
        Assert.Equal(
            [ConsentStatus.Granted, ConsentStatus.Absent, ConsentStatus.Objected, ConsentStatus.NotRequired, ConsentStatus.NotRequired],
            states.Select(s => s.Status));
        Assert.Equal(ConsentServices.Start, states[0].GrantedAt);
        Assert.Equal("2026-11", states[0].CurrentNoticeVersion);
    }

    [Fact]
    public async Task Subjects_do_not_see_each_others_records()
    {
        await Consents.GrantAsync(_ana, "marketing");
        await Consents.RestrictAsync((SubjectId)"jonas");

        Assert.False(await Consents.HasConsentAsync((SubjectId)"jonas", "marketing"));
        Assert.True(await Consents.HasConsentAsync(_ana, "marketing"));
        Assert.Empty(await Consents.GetHistoryAsync((SubjectId)"bea"));
    }

    [Fact]
    public async Task Undeclared_purposes_and_empty_subjects_are_rejected()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Consents.GrantAsync(_ana, "telemarketing"));
        Assert.StartsWith("Purpose 'telemarketing' is not declared", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => Consents.HasConsentAsync(_ana, "telemarketing"));
        await Assert.ThrowsAsync<ArgumentException>(() => Consents.HasConsentAsync(default, "marketing"));
        await Assert.ThrowsAsync<ArgumentException>(() => Consents.GrantAsync(_ana, "marketing", new ConsentDetails { Source = new string('x', 101) }));
    }
}
