using System.Collections.Concurrent;
using DataGuard.Audit;
using DataGuard.DependencyInjection;
using DataGuard.Model;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.Tests.Subjects.Requests;

/// <summary>The request lifecycle, deadlines, extension, overdue query and concurrency, run against every store: the
/// in-memory one here, the EF Core one on SQLite and PostgreSQL in DataGuard.EFCore.Tests (this file is linked there).
/// Every call runs in a scope of its own, as a new HTTP request would.</summary>
public abstract class SubjectRequestLifecycleTests
{
    protected static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(Start);

    protected AuditRecorder Audit { get; } = new();

    /// <summary>Registers the store under test (and its database) on DataGuard's builder.</summary>
    protected abstract void AddStore(IDataGuardBuilder builder);

    protected ServiceProvider BuildServices(Action<DataGuardOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IAuditTrail>(Audit);
        var builder = services.AddDataGuard(o => configure?.Invoke(o));
        AddStore(builder);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    protected static async Task<T> InScopeAsync<T>(IServiceProvider services, Func<ISubjectRequestService, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ISubjectRequestService>());
    }

    private static SubjectId NewSubject() => Guid.NewGuid();

    [StoreFact]
    public async Task A_request_goes_from_received_to_completed_and_keeps_every_change_with_its_actor()
    {
        await using var services = BuildServices();
        var subject = NewSubject();

        var received = await InScopeAsync(services, r => r.ReceiveAsync(subject, SubjectRequestKind.Erasure, "subject"));
        Time.Advance(TimeSpan.FromMinutes(5));
        var verified = await InScopeAsync(services, r => r.VerifyIdentityAsync(received, "verifier"));
        Time.Advance(TimeSpan.FromMinutes(5));
        var started = await InScopeAsync(services, r => r.StartAsync(verified, "erasure-job"));
        Time.Advance(TimeSpan.FromMinutes(5));
        await InScopeAsync(services, r => r.CompleteAsync(started, "erasure-job"));

        var stored = await InScopeAsync(services, r => r.FindAsync(received.Id));
        Assert.NotNull(stored);
        Assert.Equal((subject, SubjectRequestKind.Erasure, SubjectRequestStatus.Completed), (stored.SubjectId, stored.Kind, stored.Status));
        Assert.Equal(
            [(SubjectRequestAction.Received, Start, "subject"), (SubjectRequestAction.IdentityVerified, Start.AddMinutes(5), "verifier"),
                (SubjectRequestAction.Started, Start.AddMinutes(10), "erasure-job"), (SubjectRequestAction.Completed, Start.AddMinutes(15), "erasure-job")],
            stored.History.Select(c => (c.Action, c.At, c.Actor)));
        Assert.Equal(4, stored.Version);
        Assert.False(stored.IsOpen);
        Assert.Equal(Start.AddMinutes(15), stored.ClosedAt);
        Assert.Equal(Start, stored.ReceivedAt);
    }

    [StoreFact]
    public async Task The_deadline_is_thirty_days_after_receipt_by_default_and_follows_the_option()
    {
        await using var defaults = BuildServices();
        await using var week = BuildServices(o => o.Requests.ResponseTime = TimeSpan.FromDays(7));

        var byDefault = await InScopeAsync(defaults, r => r.ReceiveAsync(NewSubject(), SubjectRequestKind.Access, "subject"));
        var inAWeek = await InScopeAsync(week, r => r.ReceiveAsync(NewSubject(), SubjectRequestKind.Access, "subject"));

        Assert.Equal(Start.AddDays(30), (await InScopeAsync(defaults, r => r.FindAsync(byDefault.Id)))!.DueAt);
        Assert.Equal(Start.AddDays(7), (await InScopeAsync(week, r => r.FindAsync(inAWeek.Id)))!.DueAt);
    }

    [StoreFact]
    public async Task Transitions_the_lifecycle_does_not_allow_fail_with_the_status_named()
    {
        await using var services = BuildServices();
        var received = await InScopeAsync(services, r => r.ReceiveAsync(NewSubject(), SubjectRequestKind.Access, "subject"));

        var skip = await Assert.ThrowsAsync<SubjectRequestStateException>(() => InScopeAsync(services, r => r.StartAsync(received, "staff")));
        var early = await Assert.ThrowsAsync<SubjectRequestStateException>(() => InScopeAsync(services, r => r.CompleteAsync(received, "staff")));
        var rejected = await InScopeAsync(services, r => r.RejectAsync(received, "Duplicate of an earlier request.", "staff"));
        var twice = await Assert.ThrowsAsync<SubjectRequestStateException>(() => InScopeAsync(services, r => r.RejectAsync(rejected, "again", "staff")));
        var reopen = await Assert.ThrowsAsync<SubjectRequestStateException>(() => InScopeAsync(services, r => r.VerifyIdentityAsync(rejected, "staff")));

        Assert.Equal(SubjectRequestStatus.Received, skip.Status);
        Assert.Contains("cannot become InProgress", skip.Message, StringComparison.Ordinal);
        Assert.Contains("cannot become Completed", early.Message, StringComparison.Ordinal);
        Assert.Equal(SubjectRequestStatus.Rejected, twice.Status);
        Assert.Equal(received.Id, reopen.RequestId);
        var stored = (await InScopeAsync(services, r => r.FindAsync(received.Id)))!;
        Assert.Equal((SubjectRequestStatus.Rejected, "Duplicate of an earlier request.", 2), (stored.Status, stored.RejectionReason, stored.Version));
    }

    [StoreFact]
    public async Task The_deadline_can_be_extended_once_with_a_reason_and_within_the_maximum()
    {
        await using var services = BuildServices();
        var request = await InScopeAsync(services, r => r.ReceiveAsync(NewSubject(), SubjectRequestKind.Portability, "subject"));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => InScopeAsync(services,
            r => r.ExtendDeadlineAsync(request, TimeSpan.FromDays(61), "complex", "staff")));
        await Assert.ThrowsAsync<ArgumentException>(() => InScopeAsync(services, r => r.ExtendDeadlineAsync(request, TimeSpan.FromDays(10), " ", "staff")));
        var extended = await InScopeAsync(services, r => r.ExtendDeadlineAsync(request, TimeSpan.FromDays(60), "Many systems to search.", "staff"));
        var again = await Assert.ThrowsAsync<SubjectRequestStateException>(() => InScopeAsync(services,
            r => r.ExtendDeadlineAsync(extended, TimeSpan.FromDays(1), "more", "staff")));

        var stored = (await InScopeAsync(services, r => r.FindAsync(request.Id)))!;
        Assert.Equal(Start.AddDays(90), stored.DueAt);
        Assert.True(stored.IsExtended);
        Assert.Equal(SubjectRequestStatus.Received, stored.Status);
        Assert.Equal((SubjectRequestAction.DeadlineExtended, "Many systems to search."), (stored.History[^1].Action, stored.History[^1].Reason));
        Assert.Contains("already extended", again.Message, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task A_closed_request_cannot_be_extended()
    {
        await using var services = BuildServices();
        var request = await InScopeAsync(services, r => r.ReceiveAsync(NewSubject(), SubjectRequestKind.Access, "subject"));
        var rejected = await InScopeAsync(services, r => r.RejectAsync(request, "Identity not confirmed.", "staff"));

        var ex = await Assert.ThrowsAsync<SubjectRequestStateException>(() => InScopeAsync(services,
            r => r.ExtendDeadlineAsync(rejected, TimeSpan.FromDays(5), "late", "staff")));

        Assert.Equal(SubjectRequestStatus.Rejected, ex.Status);
    }

    [StoreFact]
    public async Task Overdue_lists_open_requests_past_their_deadline_as_of_now_most_overdue_first()
    {
        await using var services = BuildServices();
        var first = await InScopeAsync(services, r => r.ReceiveAsync(NewSubject(), SubjectRequestKind.Access, "subject"));
        Time.Advance(TimeSpan.FromDays(1));
        var second = await InScopeAsync(services, r => r.ReceiveAsync(NewSubject(), SubjectRequestKind.Erasure, "subject"));
        var answered = await InScopeAsync(services, r => r.ReceiveAsync(NewSubject(), SubjectRequestKind.Access, "subject"));
        var extended = await InScopeAsync(services, r => r.ReceiveAsync(NewSubject(), SubjectRequestKind.Access, "subject"));
        await InScopeAsync(services, r => r.RejectAsync(answered, "Manifestly unfounded.", "staff"));
        await InScopeAsync(services, r => r.ExtendDeadlineAsync(extended, TimeSpan.FromDays(20), "Complex.", "staff"));

        Time.SetUtcNow(Start.AddDays(31)); // exactly the second one's deadline: not overdue yet
        var atSecondsDeadline = await InScopeAsync(services, r => r.GetOverdueAsync());
        Time.SetUtcNow(Start.AddDays(40));
        var later = await InScopeAsync(services, r => r.GetOverdueAsync());

        var mine = new[] { first.Id, second.Id, answered.Id, extended.Id };
        Assert.Equal([first.Id], atSecondsDeadline.Select(r => r.Id).Where(mine.Contains));
        Assert.Equal([first.Id, second.Id], later.Select(r => r.Id).Where(mine.Contains));
        Assert.All(later, r => Assert.True(r.IsOverdue(Start.AddDays(40))));
    }

    [StoreFact]
    public async Task Of_two_changes_made_from_the_same_snapshot_the_second_fails_with_a_concurrency_error()
    {
        await using var services = BuildServices();
        var received = await InScopeAsync(services, r => r.ReceiveAsync(NewSubject(), SubjectRequestKind.Erasure, "subject"));
        var seenByStaff = (await InScopeAsync(services, r => r.FindAsync(received.Id)))!;
        var seenByVerifier = (await InScopeAsync(services, r => r.FindAsync(received.Id)))!;

        await InScopeAsync(services, r => r.VerifyIdentityAsync(seenByVerifier, "verifier"));
        var ex = await Assert.ThrowsAsync<SubjectRequestConcurrencyException>(() => InScopeAsync(services,
            r => r.RejectAsync(seenByStaff, "Could not verify.", "staff")));

        Assert.Equal((received.Id, 1), (ex.RequestId, ex.ExpectedVersion));
        var stored = (await InScopeAsync(services, r => r.FindAsync(received.Id)))!;
        Assert.Equal((SubjectRequestStatus.IdentityVerified, 2), (stored.Status, stored.Version));
    }

    [StoreFact]
    public async Task Concurrent_changes_from_one_snapshot_let_exactly_one_win()
    {
        await using var services = BuildServices();
        var received = await InScopeAsync(services, r => r.ReceiveAsync(NewSubject(), SubjectRequestKind.Erasure, "subject"));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            try
            {
                await InScopeAsync(services,
                    r => i % 2 == 0 ? r.VerifyIdentityAsync(received, "verifier-" + i) : r.RejectAsync(received, "Reason " + i, "staff-" + i));
                return true;
            }
            catch (SubjectRequestConcurrencyException)
            {
                return false;
            }
        })));

        Assert.Single(attempts, won => won);
        var stored = (await InScopeAsync(services, r => r.FindAsync(received.Id)))!;
        Assert.Equal(2, stored.Version);
    }

    [StoreFact]
    public async Task A_subjects_requests_are_theirs_only_newest_first()
    {
        await using var services = BuildServices();
        SubjectId ana = Guid.NewGuid(), bob = Guid.NewGuid();
        var older = await InScopeAsync(services, r => r.ReceiveAsync(ana, SubjectRequestKind.Access, "subject"));
        Time.Advance(TimeSpan.FromHours(1));
        await InScopeAsync(services, r => r.ReceiveAsync(bob, SubjectRequestKind.Access, "subject"));
        var newer = await InScopeAsync(services, r => r.ReceiveAsync(ana, SubjectRequestKind.Erasure, "subject"));

        var anas = await InScopeAsync(services, r => r.GetForSubjectAsync(ana));

        Assert.Equal([newer.Id, older.Id], anas.Select(r => r.Id));
        Assert.All(anas, r => Assert.Equal(ana, r.SubjectId));
    }

    [StoreFact]
    public async Task Every_change_is_audited_by_id_kind_and_status_without_reasons()
    {
        await using var services = BuildServices();
        var subject = NewSubject();
        var request = await InScopeAsync(services, r => r.ReceiveAsync(subject, SubjectRequestKind.Erasure, "subject"));
        request = await InScopeAsync(services, r => r.ExtendDeadlineAsync(request, TimeSpan.FromDays(3), "Secret-reason-text", "staff"));
        await InScopeAsync(services, r => r.RejectAsync(request, "Another-secret-reason", "staff"));

        var events = Audit.Events.Where(e => e.EntityKey == request.Id.ToString("D")).ToList();

        Assert.Equal([AuditActions.SubjectRequestReceived, AuditActions.SubjectRequestExtended, AuditActions.SubjectRequestRejected],
            events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal((subject, "SubjectRequest"), (e.SubjectId!.Value, e.EntityType)));
        Assert.Equal("Erasure request, status Rejected, due 2026-12-04", events[^1].Details);
        Assert.DoesNotContain(events, e => e.Details!.Contains("secret", StringComparison.OrdinalIgnoreCase));
    }

    protected sealed class AuditRecorder : IAuditTrail
    {
        public ConcurrentQueue<AuditEvent> Events { get; } = new();

        public ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
        {
            Events.Enqueue(auditEvent);
            return ValueTask.CompletedTask;
        }
    }
}
