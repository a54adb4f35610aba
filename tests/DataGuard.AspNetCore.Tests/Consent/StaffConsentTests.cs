using System.Net;
using System.Net.Http.Json;
using DataGuard.Consent;
using DataGuard.Subjects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DataGuard.AspNetCore.Tests.Consent;

/// <summary>Staff acting for a data subject: the consent checked is the subject's, named by the route or the body, and
/// consent records keep who acted.</summary>
public sealed class StaffConsentTests
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    internal sealed record Booking(string PatientId, string Slot);

    private static Task<ConsentApp> StartAsync() => ConsentApp.StartAsync(map: app =>
    {
        app.UseDataGuard();
        app.MapPost("/customers/{customerId}/newsletter", static (string customerId) => Results.Ok(customerId))
            .RequireConsent("marketing", subjectFromRoute: "customerId");
        app.MapPost("/bookings", static (Booking booking) => Results.Ok(booking.Slot))
            .RequireConsent("marketing", static ctx => ctx.Arguments.OfType<Booking>().FirstOrDefault() is { } b ? new SubjectId(b.PatientId) : null);
        app.MapDelete("/customers/{customerId}/consents/marketing", static async (string customerId, IConsentService consents) =>
            Results.Ok(await consents.WithdrawAsync(new SubjectId(customerId), "marketing")));
    });

    [Fact]
    public async Task RequireConsent_from_the_route_checks_the_named_subjects_consent_not_the_staff_members()
    {
        await using var app = await StartAsync();
        await app.InScopeAsync(c => c.GrantAsync(new SubjectId("staff-7"), "marketing"));
        using var staff = app.Client("staff-7");

        using var refused = await staff.PostAsync(Url("/customers/ana/newsletter"), null);
        await app.InScopeAsync(c => c.GrantAsync(new SubjectId("ana"), "marketing"));
        using var allowed = await staff.PostAsync(Url("/customers/ana/newsletter"), null);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("absent", (await ConsentApp.JsonAsync(refused)).GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().PostAsync(Url("/customers/ana/newsletter"), null)).StatusCode);
    }

    [Fact]
    public async Task RequireConsent_with_a_delegate_takes_the_subject_from_the_body()
    {
        await using var app = await StartAsync();
        await app.InScopeAsync(c => c.GrantAsync(new SubjectId("ana"), "marketing"));
        using var staff = app.Client("staff-7");

        using var anas = await staff.PostAsync(Url("/bookings"), JsonContent.Create(new Booking("ana", "09:00")));
        using var bobs = await staff.PostAsync(Url("/bookings"), JsonContent.Create(new Booking("bob", "10:00")));

        Assert.Equal(HttpStatusCode.OK, anas.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bobs.StatusCode);
    }

    [Fact]
    public async Task A_consent_record_made_by_staff_for_a_subject_keeps_the_staff_member_as_actor()
    {
        await using var app = await StartAsync();
        await app.InScopeAsync(c => c.GrantAsync(new SubjectId("ana"), "marketing", new ConsentDetails { Actor = "ana" }));

        using var withdrawn = await app.Client("staff-7").DeleteAsync(Url("/customers/ana/consents/marketing"));

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        await app.InScopeAsync(async c =>
        {
            var history = await c.GetHistoryAsync(new SubjectId("ana"));
            Assert.Equal(["ana", "staff-7"],
                history.OrderBy(r => r.RecordedAt).ThenBy(r => r.Kind).Select(r => r.Actor?.Replace("display-", "", StringComparison.Ordinal)));
        });
    }
}
