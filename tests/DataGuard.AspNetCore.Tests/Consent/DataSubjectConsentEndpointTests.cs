using System.Net;
using System.Text.Json;
using DataGuard.AspNetCore.Tests.Masking;
using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Subjects;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Tests.Consent;

public sealed class DataSubjectConsentEndpointTests
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static JsonElement Purpose(JsonElement states, string name) =>
        states.EnumerateArray().Single(s => s.GetProperty("purpose").GetString() == name);

    [Fact]
    public async Task The_signed_in_subject_lists_grants_and_withdraws_their_own_consents()
    {
        await using var app = await ConsentApp.StartAsync();
        using var client = app.Client("ana");

        var before = await ConsentApp.JsonAsync(await client.GetAsync(Url("/privacy/consents")));
        Assert.Equal(["marketing", "profiling", "tax-records"], before.EnumerateArray().Select(s => s.GetProperty("purpose").GetString()));
        Assert.Equal("absent", Purpose(before, "marketing").GetProperty("status").GetString());
        Assert.Equal("Newsletters and offers", Purpose(before, "marketing").GetProperty("description").GetString());

        using var grant = await client.PostAsync(Url("/privacy/consents/marketing"), null);
        Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        var granted = await ConsentApp.JsonAsync(grant);
        Assert.Equal(("granted", true, "2026-11"),
            (granted.GetProperty("status").GetString(), granted.GetProperty("allowed").GetBoolean(), granted.GetProperty("noticeVersion").GetString()));
        using (var send = await client.PostAsync(Url("/newsletter/send"), null))
        {
            Assert.Equal(HttpStatusCode.OK, send.StatusCode);
        }

        using var withdraw = await client.DeleteAsync(Url("/privacy/consents/marketing"));
        Assert.Equal("withdrawn", (await ConsentApp.JsonAsync(withdraw)).GetProperty("status").GetString());
        using (var send = await client.PostAsync(Url("/newsletter/send"), null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, send.StatusCode);
        }

        var history = await ConsentApp.JsonAsync(await client.GetAsync(Url("/privacy/consents/history")));
        Assert.Equal(["Granted", "Withdrawn"], history.EnumerateArray().Select(r => r.GetProperty("kind").GetString()));
        Assert.All(history.EnumerateArray(), r => Assert.Equal("api", r.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task A_claim_spelling_the_subjects_guid_in_upper_case_grants_consent_to_the_same_subject()
    {
        // The identity provider's claim and the entity's Guid must key the same consent record, or a grant made through
        // the endpoint would be invisible to the application's HasConsentAsync(customer.Id, …).
        await using var app = await ConsentApp.StartAsync(b => b.Services.AddSingleton(PersonalDataModel.FromTypes(typeof(ShopCustomer))));
        var subject = Guid.NewGuid();
        using var client = app.Client(subject.ToString("D").ToUpperInvariant());

        using var grant = await client.PostAsync(Url("/privacy/consents/marketing"), null);

        Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        await app.InScopeAsync(async consents =>
        {
            Assert.True(await consents.HasConsentAsync(subject, "marketing"));
            var history = await consents.GetHistoryAsync(subject);
            Assert.Equal(subject.ToString("D"), Assert.Single(history).SubjectId.Value);
        });
    }

    [Theory]
    [InlineData("007", "7", typeof(NumberedMember))]
    [InlineData("+0042", "42", typeof(NumberedMember))]
    [InlineData("007", "007", typeof(NumberedMember), typeof(NamedMember))]
    [InlineData("3BDB4F52-8F6D-4B0C-9A55-0E3C5B3B7A11", "3BDB4F52-8F6D-4B0C-9A55-0E3C5B3B7A11", typeof(ShopCustomer), typeof(NamedMember))]
    [InlineData("3BDB4F52-8F6D-4B0C-9A55-0E3C5B3B7A11", "3bdb4f52-8f6d-4b0c-9a55-0e3c5b3b7a11", typeof(ShopCustomer))]
    [InlineData("{3BDB4F52-8F6D-4B0C-9A55-0E3C5B3B7A11}", "3bdb4f52-8f6d-4b0c-9a55-0e3c5b3b7a11", typeof(ShopCustomer))]
    [InlineData("3BDB4F528F6D4B0C9A550E3C5B3B7A11", "3bdb4f52-8f6d-4b0c-9a55-0e3c5b3b7a11", typeof(ShopCustomer))]
    public async Task A_claim_keys_consent_under_the_models_one_spelling_of_the_subject(string claim, string canonical, params Type[] entities)
    {
        // The claim must key the same records as the rights service, which reads the id as the column's type ("007" is
        // row 7, "{3BDB…}" the Guid 3bdb…); with a string subject in the model, ids are taken as given.
        await using var app = await ConsentApp.StartAsync(b => b.Services.AddSingleton(PersonalDataModel.FromTypes(entities)));
        using var client = app.Client(claim);

        using var grant = await client.PostAsync(Url("/privacy/consents/marketing"), null);

        Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        await app.InScopeAsync(async consents => Assert.Equal(canonical,
            Assert.Single(await consents.GetHistoryAsync(new SubjectId(canonical))).SubjectId.Value));
    }

    [Theory]
    [InlineData("staff-7", typeof(ShopCustomer))]
    [InlineData("3bdb4f52-8f6d-4b0c-9a55-0e3c5b3b7a11", typeof(NumberedMember))]
    [InlineData("2147483648", typeof(NumberedMember))]
    public async Task A_principal_whose_claim_is_no_subject_of_the_model_gets_the_no_subject_problem_and_records_nothing(string claim, Type entity)
    {
        await using var app = await ConsentApp.StartAsync(b => b.Services.AddSingleton(PersonalDataModel.FromTypes(entity)));
        using var client = app.Client(claim);

        using var grant = await client.PostAsync(Url("/privacy/consents/marketing"), null);

        Assert.Equal(HttpStatusCode.Forbidden, grant.StatusCode);
        Assert.EndsWith("#no-subject", (await ConsentApp.JsonAsync(grant)).GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A member numbered by the shop.</summary>
    public sealed class NumberedMember
    {
        [DataSubject] public int Id { get; set; }

        [Personal(PersonalCategory.Contact)] public string Email { get; set; } = "";
    }

    /// <summary>A member known by an external account name.</summary>
    public sealed class NamedMember
    {
        [DataSubject] public string Account { get; set; } = "";

        [Personal(PersonalCategory.Contact)] public string Email { get; set; } = "";
    }

    [Fact]
    public async Task One_user_cannot_read_or_change_another_users_consents()
    {
        await using var app = await ConsentApp.StartAsync();
        using var ana = app.Client("ana");
        using var bob = app.Client("bob");
        using (await ana.PostAsync(Url("/privacy/consents/marketing"), null))
        {
        }

        // Bob's requests act on Bob only, whatever he puts in the query.
        var bobsView = await ConsentApp.JsonAsync(await bob.GetAsync(Url("/privacy/consents?subject=ana&subjectId=ana")));
        using (await bob.DeleteAsync(Url("/privacy/consents/marketing?subject=ana")))
        {
        }

        var bobsHistory = await ConsentApp.JsonAsync(await bob.GetAsync(Url("/privacy/consents/history?subject=ana")));
        Assert.Equal("absent", Purpose(bobsView, "marketing").GetProperty("status").GetString());
        Assert.Equal(0, bobsHistory.GetArrayLength());
        var anasView = await ConsentApp.JsonAsync(await ana.GetAsync(Url("/privacy/consents")));
        Assert.Equal("granted", Purpose(anasView, "marketing").GetProperty("status").GetString());
        using var anaSends = await ana.PostAsync(Url("/newsletter/send"), null);
        Assert.Equal(HttpStatusCode.OK, anaSends.StatusCode);
    }

    [Fact]
    public async Task Anonymous_requests_get_401_on_every_consent_route()
    {
        await using var app = await ConsentApp.StartAsync();
        using var anonymous = app.Client();

        using var list = await anonymous.GetAsync(Url("/privacy/consents"));
        using var history = await anonymous.GetAsync(Url("/privacy/consents/history"));
        using var grant = await anonymous.PostAsync(Url("/privacy/consents/marketing"), null);
        using var withdraw = await anonymous.DeleteAsync(Url("/privacy/consents/marketing"));

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
            new[] { list.StatusCode, history.StatusCode, grant.StatusCode, withdraw.StatusCode });
    }

    [Fact]
    public async Task An_undeclared_purpose_gets_404_problem_details()
    {
        await using var app = await ConsentApp.StartAsync();

        using var response = await app.Client("ana").PostAsync(Url("/privacy/consents/telemarketing"), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("telemarketing", (await ConsentApp.JsonAsync(response)).GetProperty("purpose").GetString());
    }

    [Fact]
    public async Task Withdrawing_twice_records_one_withdrawal()
    {
        await using var app = await ConsentApp.StartAsync();
        using var client = app.Client("ana");
        using (await client.PostAsync(Url("/privacy/consents/marketing"), null))
        using (await client.DeleteAsync(Url("/privacy/consents/marketing")))
        using (var again = await client.DeleteAsync(Url("/privacy/consents/marketing")))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var history = await ConsentApp.JsonAsync(await client.GetAsync(Url("/privacy/consents/history")));
        Assert.Equal(2, history.GetArrayLength());
    }
}
