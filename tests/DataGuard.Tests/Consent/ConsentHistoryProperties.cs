using DataGuard.Consent;
using DataGuard.Subjects;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DataGuard.Tests.Consent;

public sealed class ConsentHistoryProperties
{
    /// <summary>Ops (from <see cref="Ops"/>): 0 grant, 1 withdraw, 2 to 5 let 10, 20, 30 or 40 days pass (grants on "marketing" last 30 days).</summary>
    internal static async Task<bool> CurrentStateIsTheLastEventStillInForce(IConsentService consents, Microsoft.Extensions.Time.Testing.FakeTimeProvider time,
        SubjectId subject, int[] ops)
    {
        DateTimeOffset? grantExpires = null;
        var withdrawn = false;
        foreach (var op in ops)
        {
            switch (op)
            {
                case 0:
                    await consents.GrantAsync(subject, "marketing");
                    grantExpires = time.GetUtcNow().AddDays(30);
                    withdrawn = false;
                    break;
                case 1:
                    await consents.WithdrawAsync(subject, "marketing");
                    withdrawn = grantExpires is not null;
                    break;
                default:
                    time.Advance(TimeSpan.FromDays(10 * (op - 1)));
                    break;
            }
        }

        var expected = grantExpires is null ? ConsentStatus.Absent
            : withdrawn ? ConsentStatus.Withdrawn
            : grantExpires <= time.GetUtcNow() ? ConsentStatus.Expired
            : ConsentStatus.Granted;
        var state = await consents.GetAsync(subject, "marketing");
        var all = await consents.GetAsync(subject);
        return state.Status == expected
               && all[0].Status == expected
               && await consents.HasConsentAsync(subject, "marketing") == (expected == ConsentStatus.Granted);
    }

    /// <summary>Random sequences of ops 0 to 5.</summary>
    internal static Arbitrary<int[]> Ops => Arb.From(Gen.Choose(0, 5).ArrayOf());

    [Property(MaxTest = 200)]
    public Property The_current_state_equals_the_last_event_still_in_force() => Prop.ForAll(Ops, ops =>
    {
        using var services = new ConsentServices();
        return CurrentStateIsTheLastEventStillInForce(services.Consents, services.Time, (SubjectId)"subject-1", ops).GetAwaiter().GetResult();
    });

    [Property]
    public Property Withdrawals_never_exceed_grants(NonNegativeInt grants, NonNegativeInt withdrawals)
    {
        using var services = new ConsentServices();
        for (var i = 0; i < grants.Get % 5; i++)
        {
            services.Consents.GrantAsync((SubjectId)"s", "marketing").GetAwaiter().GetResult();
        }

        for (var i = 0; i < withdrawals.Get % 5; i++)
        {
            services.Consents.WithdrawAsync((SubjectId)"s", "marketing").GetAwaiter().GetResult();
        }

        var history = services.Consents.GetHistoryAsync((SubjectId)"s").GetAwaiter().GetResult();
        var expectedWithdrawals = grants.Get % 5 > 0 && withdrawals.Get % 5 > 0 ? 1 : 0;
        return (history.Count(r => r.Kind == ConsentRecordKind.Withdrawn) == expectedWithdrawals).ToProperty();
    }
}
