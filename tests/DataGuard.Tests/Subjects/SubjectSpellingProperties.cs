using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using DataGuard.Testing;
using DataGuard.Tests.Consent;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.Tests.Subjects;

/// <summary>One subject, one spelling: consent and request tracking key every accepted spelling of a subject id on the
/// same canonical text of the model, and refuse text that cannot be a subject of the model.</summary>
public sealed class SubjectSpellingProperties
{
    public sealed class GuidMember
    {
        [DataSubject] public Guid Id { get; set; }

        [Personal(PersonalCategory.Contact)] public string Email { get; set; } = "";
    }

    public sealed class IntMember
    {
        [DataSubject] public int Id { get; set; }

        [Personal(PersonalCategory.Contact)] public string Email { get; set; } = "";
    }

    public sealed class NamedMember
    {
        [DataSubject] public string Account { get; set; } = "";

        [Personal(PersonalCategory.Contact)] public string Email { get; set; } = "";
    }

    private sealed class Services : IDisposable
    {
        private readonly ServiceProvider _provider;
        private readonly AsyncServiceScope _scope;

        public Services(params Type[] model)
        {
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero)));
            services.AddSingleton<IAuditTrail>(Audit);
            services.AddSingleton<IConsentStore, InMemoryConsentStore>();
            services.AddSingleton<ISubjectRequestStore, InMemorySubjectRequestStore>();
            services.AddSingleton(PersonalDataModel.FromTypes(model));
            services.AddDataGuard(o => o.Purposes.Add("marketing", notice: "2026-11"));
            _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
            _scope = _provider.CreateAsyncScope();
        }

        public RecordingAuditTrail Audit { get; } = new();

        public IConsentService Consents => _scope.ServiceProvider.GetRequiredService<IConsentService>();

        public ISubjectRequestService Requests => _scope.ServiceProvider.GetRequiredService<ISubjectRequestService>();

        public void Dispose()
        {
            _scope.Dispose();
            _provider.Dispose();
        }
    }

    [Property(MaxTest = 100)]
    public Property Consent_granted_under_one_spelling_of_a_guid_is_honoured_under_every_other()
        => Prop.ForAll(SubjectSpellings.Guids, SubjectSpellings.Pairs, (id, pair) =>
    {
        using var services = new Services(typeof(GuidMember));
        var spellings = SubjectSpellings.Of(id);
        services.Consents.GrantAsync(new SubjectId(spellings[pair.First % spellings.Length]), "marketing").GetAwaiter().GetResult();

        var allowed = services.Consents.HasConsentAsync(new SubjectId(spellings[pair.Second % spellings.Length]), "marketing").GetAwaiter().GetResult();
        var history = services.Consents.GetHistoryAsync(id).GetAwaiter().GetResult();
        return (allowed && history.Count == 1 && history[0].SubjectId.Value == id.ToString("D") && services.Audit.Events.All(e => e.SubjectId == id))
            .Label($"granted as '{spellings[pair.First % spellings.Length]}', checked as '{spellings[pair.Second % spellings.Length]}'");
    });

    [Property(MaxTest = 100)]
    public Property Consent_granted_under_one_spelling_of_a_number_is_honoured_under_every_other()
        => Prop.ForAll(ArbMap.Default.ArbFor<int>(), SubjectSpellings.Pairs, (number, pair) =>
    {
        using var services = new Services(typeof(IntMember));
        var spellings = SubjectSpellings.Of(number);
        services.Consents.GrantAsync(new SubjectId(spellings[pair.First % spellings.Length]), "marketing").GetAwaiter().GetResult();

        var allowed = services.Consents.HasConsentAsync(new SubjectId(spellings[pair.Second % spellings.Length]), "marketing").GetAwaiter().GetResult();
        var history = services.Consents.GetHistoryAsync((SubjectId)number).GetAwaiter().GetResult();
        return (allowed && history.Count == 1 && history[0].SubjectId == (SubjectId)number)
            .Label($"granted as '{spellings[pair.First % spellings.Length]}', checked as '{spellings[pair.Second % spellings.Length]}'");
    });

    [Property(MaxTest = 50)]
    public Property A_request_received_under_one_spelling_is_in_the_history_of_every_other()
        => Prop.ForAll(SubjectSpellings.Guids, SubjectSpellings.Pairs, (id, pair) =>
    {
        using var services = new Services(typeof(GuidMember));
        var spellings = SubjectSpellings.Of(id);
        var received = services.Requests.ReceiveAsync(new SubjectId(spellings[pair.First % spellings.Length]), SubjectRequestKind.Access,
            "api").GetAwaiter().GetResult();

        var history = services.Requests.GetForSubjectAsync(new SubjectId(spellings[pair.Second % spellings.Length])).GetAwaiter().GetResult();
        return (received.SubjectId == id && history.Count == 1 && history[0].Id == received.Id).ToProperty();
    });

    [Property(MaxTest = 50)]
    public Property Text_that_is_no_guid_is_refused_by_consent_and_requests_of_a_guid_model()
        => Prop.ForAll(SubjectSpellings.Guids, Arb.From(Gen.Choose(0, 100)), (id, index) =>
    {
        using var services = new Services(typeof(GuidMember));
        var texts = SubjectSpellings.NotAGuid(id);
        var text = new SubjectId(texts[index % texts.Length]);

        var grant = Record.ExceptionAsync(() => services.Consents.GrantAsync(text, "marketing"));
        var check = Record.ExceptionAsync(() => services.Consents.HasConsentAsync(text, "marketing"));
        var receive = Record.ExceptionAsync(() => services.Requests.ReceiveAsync(text, SubjectRequestKind.Access, "api"));
        return (grant.GetAwaiter().GetResult() is ArgumentException && check.GetAwaiter().GetResult() is ArgumentException
            && receive.GetAwaiter().GetResult() is ArgumentException)
            .Label($"'{text}' was accepted");
    });

    [Property(MaxTest = 50)]
    public Property Text_that_is_no_int_is_refused_by_consent_of_an_int_model()
        => Prop.ForAll(ArbMap.Default.ArbFor<int>(), Arb.From(Gen.Choose(0, 100)), (number, index) =>
    {
        using var services = new Services(typeof(IntMember));
        var texts = SubjectSpellings.NotAnInt(number);
        var text = new SubjectId(texts[index % texts.Length]);

        return (Record.ExceptionAsync(() => services.Consents.GrantAsync(text,
            "marketing")).GetAwaiter().GetResult() is ArgumentException).Label($"'{text}' was accepted");
    });

    [Fact]
    public async Task String_subjects_are_taken_as_given_so_case_and_zeros_name_different_subjects()
    {
        using var services = new Services(typeof(NamedMember), typeof(IntMember));
        await services.Consents.GrantAsync(new SubjectId("Ana"), "marketing");
        await services.Consents.GrantAsync(new SubjectId("007"), "marketing");

        Assert.False(await services.Consents.HasConsentAsync(new SubjectId("ana"), "marketing"));
        Assert.False(await services.Consents.HasConsentAsync(new SubjectId("7"), "marketing"));
        Assert.Equal("007", Assert.Single(await services.Consents.GetHistoryAsync(new SubjectId("007"))).SubjectId.Value);
    }
}
