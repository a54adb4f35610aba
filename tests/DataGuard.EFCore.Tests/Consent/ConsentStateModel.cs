using DataGuard.Consent;
using DataGuard.Subjects;
using FsCheck;
using FsCheck.Fluent;

namespace DataGuard.EFCore.Tests.Consent;

/// <summary>The model a random sequence of grants, withdrawals and passing time is checked against: the current state
/// is the last event still in force.</summary>
internal static class ConsentStateModel
{
    /// <summary>Random sequences of ops 0 to 5.</summary>
    public static Arbitrary<int[]> Ops => Arb.From(Gen.Choose(0, 5).ArrayOf());

    /// <summary>Ops (from <see cref="Ops"/>): 0 grant, 1 withdraw, 2 to 5 let 10, 20, 30 or 40 days pass ("marketing" grants last 30 days).</summary>
    public static async Task<bool> Check(ConsentHost host, SubjectId subject, int[] ops)
    {
        DateTimeOffset? grantExpires = null;
        var withdrawn = false;
        foreach (var op in ops ?? [])
        {
            switch (op)
            {
                case 0:
                    await host.InScopeAsync(c => c.GrantAsync(subject, "marketing"));
                    grantExpires = host.Time.GetUtcNow().AddDays(30);
                    withdrawn = false;
                    break;
                case 1:
                    await host.InScopeAsync(c => c.WithdrawAsync(subject, "marketing"));
                    withdrawn = grantExpires is not null;
                    break;
                default:
                    host.Time.Advance(TimeSpan.FromDays(10 * (op - 1)));
                    break;
            }
        }

        var expected = grantExpires is null ? ConsentStatus.Absent
            : withdrawn ? ConsentStatus.Withdrawn
            : grantExpires <= host.Time.GetUtcNow() ? ConsentStatus.Expired
            : ConsentStatus.Granted;
        var state = await host.InScopeAsync(c => c.GetAsync(subject, "marketing"));
        var all = await host.InScopeAsync(c => c.GetAsync(subject));
        return state.Status == expected && all[0].Status == expected;
    }
}
