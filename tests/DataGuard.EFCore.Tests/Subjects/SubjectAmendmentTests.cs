using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Subjects;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>Rectification through the host's rectifier and restriction through the consent store, on SQLite.</summary>
public sealed class SubjectAmendmentTests : IDisposable
{
    private static readonly Guid Ana = Guid.Parse("0d7c6f0e-7c4f-4bd4-9d55-2a4f4d9b8a11");
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Applies a correction of the shopper's e-mail the way an application would.</summary>
    private sealed class EmailRectifier(IServiceProvider services) : ISubjectRectifier
    {
        public int Calls { get; private set; }

        public async Task RectifyAsync(SubjectId subjectId, RectificationRequest request, CancellationToken cancellationToken = default)
        {
            Calls++;
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SubjectsContext>();
            var shopper = await db.Shoppers.SingleAsync(s => s.Id == Guid.Parse(subjectId.Value), cancellationToken);
            shopper.Email = request.Value ?? "";
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private Task<SubjectsHost> StartAsync(bool withRectifier = true) => SubjectsHost.StartAsync(
        o => o.UseSqlite($"Data Source={_folder.File("amend.db")}"),
        register: withRectifier ? static s
            => s.AddSingleton<EmailRectifier>().AddSingleton<ISubjectRectifier>(sp => sp.GetRequiredService<EmailRectifier>()) : null);

    [Fact]
    public async Task Rectification_goes_through_the_hosts_rectifier_and_the_audit_entry_names_the_property_not_the_value()
    {
        await using var host = await StartAsync();
        await host.AddAsync(new Shopper { Id = Ana, Email = "ana@old.example", Nickname = "ana" });

        await host.Subjects.RectifyAsync(Ana,
            new RectificationRequest { Entity = nameof(Shopper), Property = nameof(Shopper.Email), Value = "ana@new.example" });

        Assert.Equal("ana@new.example", await host.WithContextAsync(db => db.Shoppers.Where(s => s.Id == Ana).Select(s => s.Email).SingleAsync()));
        var entry = Assert.Single(host.Audit.Events, e => e.Action == AuditActions.SubjectRectified);
        Assert.Equal((Ana.ToString("D"), nameof(Shopper), nameof(Shopper.Email)), (entry.SubjectId?.Value, entry.EntityType, Assert.Single(entry.Properties!)));
        Assert.DoesNotContain("ana@new.example", entry.Details ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(Shopper), nameof(Shopper.JoinedAt))] // not personal
    [InlineData(nameof(Shopper), "Password")]               // no such property
    [InlineData("Category", "Name")]                         // no subject reaches it
    [InlineData("Nobody", "Email")]
    public async Task A_request_that_names_no_reachable_personal_property_is_refused_before_the_rectifier_runs(string entity, string property)
    {
        await using var host = await StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.Subjects.RectifyAsync(Ana,
            new RectificationRequest { Entity = entity, Property = property, Value = "x" }));

        Assert.StartsWith($"'{entity}.{property}' is not a personal property of an entity a data subject can reach.", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.Services.GetRequiredService<EmailRectifier>().Calls);
        Assert.DoesNotContain(host.Audit.Events, e => e.Action == AuditActions.SubjectRectified);
    }

    [Fact]
    public async Task Without_a_rectifier_the_error_says_what_to_register()
    {
        await using var host = await StartAsync(withRectifier: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Subjects.RectifyAsync(Ana,
            new RectificationRequest { Entity = nameof(Shopper), Property = nameof(Shopper.Email), Value = "x" }));

        Assert.Equal("Rectification needs an ISubjectRectifier: register the application's implementation, which checks and applies a correction.",
            error.Message);
    }

    [Fact]
    public async Task Restriction_is_a_consent_restriction_that_can_be_lifted_and_is_idempotent()
    {
        await using var host = await StartAsync();

        Assert.True(await host.Subjects.RestrictAsync(Ana, "accuracy contested"));
        Assert.False(await host.Subjects.RestrictAsync(Ana));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var consent = scope.ServiceProvider.GetRequiredService<IConsentService>();
            var history = await consent.GetHistoryAsync(Ana);
            var restriction = Assert.Single(history);
            Assert.Equal((ConsentRecordKind.Restricted, "subject-rights", "accuracy contested"), (restriction.Kind, restriction.Source, restriction.Evidence));
        }

        Assert.True(await host.Subjects.LiftRestrictionAsync(Ana, "corrected"));
        Assert.False(await host.Subjects.LiftRestrictionAsync(Ana));
    }
}
