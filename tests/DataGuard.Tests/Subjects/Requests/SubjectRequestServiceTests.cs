using System.Security.Claims;
using DataGuard.Model;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.Tests.Subjects.Requests;

public sealed class SubjectRequestServiceTests
{
    private static ServiceProvider Build(Action<DataGuardOptions>? configure = null, bool withStore = true)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)));
        if (withStore)
        {
            services.AddSingleton<ISubjectRequestStore, InMemorySubjectRequestStore>();
        }

        services.AddDataGuard(configure);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Every_request_options_problem_is_reported_at_start_up_at_once()
    {
        using var provider = Build(o =>
        {
            o.Requests.ResponseTime = TimeSpan.Zero;
            o.Requests.MaxExtension = TimeSpan.FromDays(-1);
        });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(2, ex.Failures.Count());
        Assert.Contains(ex.Failures, f => f.StartsWith("Requests.ResponseTime must be between 00:00:00 exclusive and 365.00:00:00", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Requests.MaxExtension must be between 00:00:00 and 365.00:00:00", StringComparison.Ordinal));
    }

    [Fact]
    public void A_year_is_the_longest_response_time_and_zero_disables_extensions()
    {
        using var tooLong = Build(o => o.Requests.ResponseTime = TimeSpan.FromDays(366));
        using var noExtensions = Build(o => o.Requests.MaxExtension = TimeSpan.Zero);

        Assert.Throws<OptionsValidationException>(() => tooLong.GetRequiredService<IStartupValidator>().Validate());
        noExtensions.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public async Task With_extensions_disabled_any_extension_is_out_of_range()
    {
        await using var provider = Build(o => o.Requests.MaxExtension = TimeSpan.Zero);
        await using var scope = provider.CreateAsyncScope();
        var requests = scope.ServiceProvider.GetRequiredService<ISubjectRequestService>();
        var request = await requests.ReceiveAsync((SubjectId)"ana", SubjectRequestKind.Access, "subject");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => requests.ExtendDeadlineAsync(request, TimeSpan.FromDays(1), "complex", "staff"));
    }

    [Fact]
    public void Without_a_store_the_service_names_the_missing_registration()
    {
        using var provider = Build(withStore: false);
        using var scope = provider.CreateScope();

        var ex = Assert.Throws<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<ISubjectRequestService>());

        Assert.Contains("ISubjectRequestStore", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receiving_checks_its_arguments()
    {
        await using var provider = Build();
        await using var scope = provider.CreateAsyncScope();
        var requests = scope.ServiceProvider.GetRequiredService<ISubjectRequestService>();

        await Assert.ThrowsAsync<ArgumentException>(() => requests.ReceiveAsync(default, SubjectRequestKind.Access, "subject"));
        await Assert.ThrowsAsync<ArgumentException>(() => requests.ReceiveAsync((SubjectId)"ana", (SubjectRequestKind)42, "subject"));
        await Assert.ThrowsAsync<ArgumentException>(() => requests.ReceiveAsync((SubjectId)"ana", SubjectRequestKind.Access, ""));
        await Assert.ThrowsAsync<ArgumentException>(() => requests.ReceiveAsync((SubjectId)"ana", SubjectRequestKind.Access, new string('a', 201)));
        var request = await requests.ReceiveAsync((SubjectId)"ana", SubjectRequestKind.Access, "subject");
        await Assert.ThrowsAsync<ArgumentException>(() => requests.RejectAsync(request, new string('r', 501), "staff"));
    }

    [Fact]
    public async Task The_default_verifier_verifies_authenticated_users_only()
    {
        await using var provider = Build();
        var verifier = provider.GetRequiredService<ISubjectVerifier>();
        var request = new SubjectRequest
        {
            Id = Guid.NewGuid(),
            SubjectId = (SubjectId)"ana",
            Kind = SubjectRequestKind.Erasure,
            Status = SubjectRequestStatus.Received,
            ReceivedAt = DateTimeOffset.UnixEpoch,
            DueAt = DateTimeOffset.UnixEpoch,
            History = [],
        };

        var signedIn = await verifier.VerifyAsync(request, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "ana")], "test")));
        var anonymous = await verifier.VerifyAsync(request, new ClaimsPrincipal(new ClaimsIdentity()));

        Assert.Equal(SubjectVerificationOutcome.Verified, signedIn.Outcome);
        Assert.Equal(SubjectVerificationOutcome.Rejected, anonymous.Outcome);
        Assert.False(string.IsNullOrEmpty(anonymous.Reason));
    }

    public enum Change
    {
        Verify,
        Start,
        Complete,
        Reject,
        Extend,
    }

    /// <summary>For any sequence of changes, the service accepts exactly those a plain transition table allows, and the
    /// history lists the accepted ones in order.</summary>
    [Property(MaxTest = 200)]
    public Property The_service_accepts_exactly_the_transitions_of_the_lifecycle_table() =>
        Prop.ForAll(Arb.From(Gen.Elements(Enum.GetValues<Change>()).ArrayOf()), steps =>
        {
            using var provider = Build();
            using var scope = provider.CreateScope();
            var requests = scope.ServiceProvider.GetRequiredService<ISubjectRequestService>();
            var request = requests.ReceiveAsync((SubjectId)"ana", SubjectRequestKind.Erasure, "subject").GetAwaiter().GetResult();
            var status = SubjectRequestStatus.Received;
            var extended = false;
            var expected = new List<SubjectRequestAction> { SubjectRequestAction.Received };
            foreach (var step in steps)
            {
                var open = status is not (SubjectRequestStatus.Completed or SubjectRequestStatus.Rejected);
                (bool Allowed, SubjectRequestStatus Next, SubjectRequestAction Action) model = step switch
                {
                    Change.Verify => (status == SubjectRequestStatus.Received, SubjectRequestStatus.IdentityVerified, SubjectRequestAction.IdentityVerified),
                    Change.Start => (status == SubjectRequestStatus.IdentityVerified, SubjectRequestStatus.InProgress, SubjectRequestAction.Started),
                    Change.Complete => (status == SubjectRequestStatus.InProgress, SubjectRequestStatus.Completed, SubjectRequestAction.Completed),
                    Change.Reject => (open, SubjectRequestStatus.Rejected, SubjectRequestAction.Rejected),
                    _ => (open && !extended, status, SubjectRequestAction.DeadlineExtended),
                };
                var attempt = step switch
                {
                    Change.Verify => requests.VerifyIdentityAsync(request, "x"),
                    Change.Start => requests.StartAsync(request, "x"),
                    Change.Complete => requests.CompleteAsync(request, "x"),
                    Change.Reject => requests.RejectAsync(request, "reason", "x"),
                    _ => requests.ExtendDeadlineAsync(request, TimeSpan.FromDays(1), "reason", "x"),
                };
                try
                {
                    request = attempt.GetAwaiter().GetResult();
                    if (!model.Allowed)
                    {
                        return false;
                    }
                }
                catch (SubjectRequestStateException)
                {
                    if (model.Allowed)
                    {
                        return false;
                    }

                    continue;
                }

                status = model.Next;
                extended |= step == Change.Extend;
                expected.Add(model.Action);
            }

            var stored = requests.FindAsync(request.Id).GetAwaiter().GetResult()!;
            return stored.Status == status && stored.History.Select(c => c.Action).SequenceEqual(expected);
        });
}
