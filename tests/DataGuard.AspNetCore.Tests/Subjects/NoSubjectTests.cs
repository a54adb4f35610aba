using System.Net;
using DataGuard.AspNetCore.Tests.Consent;
using DataGuard.AspNetCore.Tests.Masking;
using DataGuard.Model;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Tests.Subjects;

/// <summary>A signed-in principal whose id is not of the model's subject type (the model's subjects are Guids) is not a
/// data subject: every subject route answers no-subject, and nothing is recorded under its name.</summary>
public sealed class NoSubjectTests
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static Task<ConsentApp> StartAsync() =>
        ConsentApp.StartAsync(b => b.Services.AddSingleton(PersonalDataModel.FromTypes(typeof(ShopCustomer))));

    private static async Task AssertNoSubjectAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.EndsWith("#no-subject", (await ConsentApp.JsonAsync(response)).GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staff_account_gets_no_subject_for_export_and_erasure_and_no_request_is_recorded()
    {
        await using var app = await StartAsync();
        using var staff = app.Client("staff-7");

        await AssertNoSubjectAsync(await staff.GetAsync(Url("/privacy/me/export")));
        await AssertNoSubjectAsync(await staff.PostAsync(Url("/privacy/me/erasure"), null));
        await AssertNoSubjectAsync(await staff.GetAsync(Url("/privacy/me/requests")));

        Assert.Empty(app.Rights.Exported);
        Assert.Empty(app.Rights.Erased);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<ISubjectRequestStore>().GetForSubjectAsync((SubjectId)"staff-7"));
    }

    [Fact]
    public async Task A_staff_account_cannot_grant_consent_or_pass_RequireConsent()
    {
        await using var app = await StartAsync();
        using var staff = app.Client("staff-7");

        await AssertNoSubjectAsync(await staff.PostAsync(Url("/privacy/consents/marketing"), null));
        await AssertNoSubjectAsync(await staff.PostAsync(Url("/newsletter/send"), null));
        // The consent service refuses an id that is no subject of the model, so nothing can be recorded under it.
        await app.InScopeAsync(async consents => await Assert.ThrowsAsync<ArgumentException>(() => consents.GetHistoryAsync((SubjectId)"staff-7")));
    }

    [Fact]
    public async Task A_subject_whose_claim_is_of_the_model_type_is_served()
    {
        await using var app = await StartAsync();
        using var ana = app.Client("3f2504e0-4f89-11d3-9a0c-0305e82c3301");

        using var export = await ana.GetAsync(Url("/privacy/me/export"));

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Single(app.Rights.Exported);
    }
}
