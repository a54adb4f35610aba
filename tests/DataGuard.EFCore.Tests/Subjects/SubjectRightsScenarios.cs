using System.Data.Common;
using System.Text;
using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.EFCore.Tests.Consent;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Model;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>The acceptance stories of export and erasure, run on every database.</summary>
public abstract class SubjectRightsScenarios
{
    private static readonly DateTime Now = SubjectsHost.Now.UtcDateTime;

    internal abstract Task<SubjectsHost> HostAsync(Action<DataGuardOptions>? configure = null);

    /// <summary>Ana and Bea with the same shape of data, and a category nobody owns.</summary>
    private static async Task<(SubjectData Ana, SubjectData Bea)> SeedAsync(SubjectsHost host, bool recent = true)
    {
        var category = new Category { Name = "books" };
        var ana = SubjectData.Create("ana", category, Now, recent);
        var bea = SubjectData.Create("bea", category, Now, recent);
        await host.AddAsync([category, .. ana.Entities, .. bea.Entities]);
        return (ana, bea);
    }

    [StoreFact]
    public async Task Export_holds_exactly_the_subjects_rows_decrypted()
    {
        await using var host = await HostAsync();
        var (ana, bea) = await SeedAsync(host);

        var bytes = await host.ExportBytesAsync(ana.Shopper.Id);
        var package = await SubjectExportPackage.ReadAsync(new MemoryStream(bytes));

        Assert.Equal(ana.Shopper.Id.ToString("D"), package.Manifest.Subject.Value);
        Assert.Equal(["Purchase", "PurchaseLine", "Review", "Shopper"], package.Manifest.Entities.Select(e => e.Name));
        Assert.Equal([2L, 3L, 1L, 1L], package.Manifest.Entities.Select(e => e.Rows));
        var shopper = Assert.Single(package.ReadRows("Shopper"));
        Assert.Equal("ana@example.com", shopper.GetProperty("Email").GetString()); // decrypted
        Assert.Equal(
            ["1 Old Street ana", "2 New Street ana"],
            package.ReadRows("Purchase").Select(r => r.GetProperty("ShippingAddress").GetString()).Order());
        Assert.Equal(
            [null, "engraving-new-ana", "engraving-old-ana"],
            package.ReadRows("PurchaseLine").Select(r => r.GetProperty("Engraving").GetString()).Order());
        Assert.Equal("review-ana", Assert.Single(package.ReadRows("Review")).GetProperty("Text").GetString());
        Assert.Equal(["Id", "Email", "JoinedAt", "Nickname"], package.ReadCsv("Shopper")[0]);
        Assert.Equal(1 + 3, package.ReadCsv("PurchaseLine").Count); // header and three rows

        var text = Encoding.UTF8.GetString(bytes);
        foreach (var value in SubjectData.ClearValues("bea").Append("bea@example.com").Append(bea.Shopper.Id.ToString()))
        {
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        }

        Assert.Contains(host.Audit.Events, e => e.Action == AuditActions.SubjectExported && e.SubjectId == ana.Shopper.Id);
    }

    [StoreFact]
    public async Task Export_of_a_subject_without_data_is_empty_and_verifies()
    {
        await using var host = await HostAsync();
        await SeedAsync(host);

        var bytes = await host.ExportBytesAsync(Guid.NewGuid());
        var result = await host.Subjects.VerifyAsync(new MemoryStream(bytes), ExportTrust.HashesOnly);

        Assert.True(result.IsValid, string.Join(" ", result.Problems));
        Assert.All(result.Manifest!.Entities, e => Assert.Equal(0, e.Rows));
    }

    [StoreFact]
    public async Task Erase_deletes_or_anonymises_exactly_the_subjects_rows_and_keeps_the_retention_minimum_with_its_reason()
    {
        await using var host = await HostAsync();
        var (ana, bea) = await SeedAsync(host);
        var beaBefore = await BeaRowsAsync(host, bea);

        var report = await host.Subjects.EraseAsync(ana.Shopper.Id);

        var byEntity = report.Entities.ToDictionary(e => e.Entity);
        Assert.Equal(3, byEntity["PurchaseLine"].Deleted);           // all lines, by the subject path
        Assert.Equal(1, byEntity["Purchase"].Deleted);               // past its ten-year minimum
        Assert.Equal(1, byEntity["Purchase"].Kept);                  // inside it
        Assert.Contains("Tax records: 10 years", Assert.Single(byEntity["Purchase"].Reasons), StringComparison.Ordinal);
        Assert.Equal(1, byEntity["Review"].Anonymized);
        Assert.Equal(ErasureAction.Anonymize, byEntity["Shopper"].Action); // a kept purchase refers to it
        Assert.Equal(1, byEntity["Shopper"].Anonymized);
        Assert.Contains("Purchase", Assert.Single(byEntity["Shopper"].Reasons), StringComparison.Ordinal);
        Assert.True(report.Entities.ToList().FindIndex(e => e.Entity == "PurchaseLine") < report.Entities.ToList().FindIndex(e => e.Entity == "Purchase"));
        Assert.True(report.Restricted); // rows were kept, so processing of the subject is restricted
        Assert.Contains(await host.Services.GetRequiredService<DataGuard.Consent.IConsentStore>().GetHistoryAsync(ana.Shopper.Id),
            r => r.Kind == ConsentRecordKind.Restricted);

        await host.WithContextAsync(async db =>
        {
            Assert.Empty(await db.PurchaseLines.Where(l => l.Purchase!.ShopperId == ana.Shopper.Id).ToListAsync());
            var kept = Assert.Single(await db.Purchases.Where(p => p.ShopperId == ana.Shopper.Id).ToListAsync());
            Assert.Equal("2 New Street ana", kept.ShippingAddress);
            var review = Assert.Single(await db.Reviews.Where(r => r.AuthorId == ana.Shopper.Id).ToListAsync());
            Assert.Equal(("", 4), (review.Text, review.Stars));
            var shopper = await db.Shoppers.SingleAsync(s => s.Id == ana.Shopper.Id);
            Assert.Equal(("", ""), (shopper.Email, shopper.Nickname));
            Assert.Null(await db.Shoppers.Where(s => s.Id == ana.Shopper.Id).Select(s => EF.Property<byte[]?>(s, "EmailBlindIndex")).SingleAsync());
            Assert.Equal(1, await db.Categories.CountAsync());
        });
        Assert.Equal(beaBefore, await BeaRowsAsync(host, bea));
        Assert.Contains(host.Audit.Events, e => e.Action == AuditActions.SubjectErased && e.EntityType is null && e.SubjectId == ana.Shopper.Id);
        Assert.DoesNotContain(host.Audit.Events, e => e.Details?.Contains("ana", StringComparison.Ordinal) == true);
    }

    [StoreFact]
    public async Task Erase_twice_changes_nothing_more()
    {
        await using var host = await HostAsync();
        var (ana, _) = await SeedAsync(host);
        await host.Subjects.EraseAsync(ana.Shopper.Id);
        var after = await host.SnapshotAsync();

        var again = await host.Subjects.EraseAsync(ana.Shopper.Id);

        // The review has the anonymised marker and is skipped; the shopper has none, so its placeholders are rewritten.
        Assert.Equal((0L, 0L, 1L), (again.Deleted, again.Entities.Single(e => e.Entity == "Review").Anonymized, again.Kept));
        Assert.Equal(after, await host.SnapshotAsync());
    }

    [StoreFact]
    public async Task Erase_without_a_retention_minimum_deletes_everything_but_the_anonymised_review()
    {
        await using var host = await HostAsync();
        var (ana, _) = await SeedAsync(host, recent: false);

        var report = await host.Subjects.EraseAsync(ana.Shopper.Id);

        Assert.Equal((1 + 2 + 3L, 1L, 0L), (report.Deleted, report.Anonymized, report.Kept));
        Assert.False(report.Restricted);
        await host.WithContextAsync(async db => Assert.False(await db.Shoppers.AnyAsync(s => s.Id == ana.Shopper.Id)));
    }

    [StoreFact]
    public async Task Legal_hold_on_the_subject_keeps_every_row_and_names_the_hold_but_not_its_reason()
    {
        await using var host = await HostAsync();
        var (ana, _) = await SeedAsync(host);
        var hold = await host.Holds.PlaceOnSubjectAsync(ana.Shopper.Id, "Case 2026-17 against J. Doe", "legal");
        var before = await host.SnapshotAsync();

        var report = await host.Subjects.EraseAsync(ana.Shopper.Id);

        Assert.Equal((0L, 0L, 1 + 2 + 3 + 1L), (report.Deleted, report.Anonymized, report.Kept));
        Assert.All(report.Entities, e => Assert.Equal($"legal hold {hold.Id} (on the subject)", Assert.Single(e.Reasons)));
        Assert.DoesNotContain("J. Doe", System.Text.Encoding.UTF8.GetString(report.ToJson()), StringComparison.Ordinal); // staff's text stays with staff
        Assert.Equal(before, await host.SnapshotAsync());
    }

    [StoreFact]
    public async Task Legal_hold_on_an_entity_type_keeps_only_that_entity()
    {
        await using var host = await HostAsync();
        var (ana, _) = await SeedAsync(host, recent: false);
        await host.Holds.PlaceOnEntityTypeAsync("Review", "Regulator inquiry 9", "legal");

        var report = await host.Subjects.EraseAsync(ana.Shopper.Id);

        var review = report.Entities.Single(e => e.Entity == "Review");
        Assert.Equal((1L, 0L), (review.Kept, review.Anonymized));
        Assert.Equal(1, report.Entities.Single(e => e.Entity == "Shopper").Deleted);
        await host.WithContextAsync(async db => Assert.Equal("review-ana", (await db.Reviews.SingleAsync(r => r.AuthorId == ana.Shopper.Id)).Text));
    }

    [StoreFact]
    public async Task A_failure_half_way_leaves_the_database_as_before()
    {
        await using var host = await HostAsync();
        var (ana, _) = await SeedAsync(host);
        var before = await host.SnapshotAsync();
        var writes = 0;
        host.Commands.BeforeExecute = command =>
        {
            if ((command.CommandText.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || command.CommandText.StartsWith("UPDATE",
                StringComparison.OrdinalIgnoreCase))
                && ++writes == 2)
            {
                throw new InjectedFailure();
            }
        };

        await Assert.ThrowsAsync<InjectedFailure>(() => host.Subjects.EraseAsync(ana.Shopper.Id));

        host.Commands.BeforeExecute = null;
        Assert.Equal(2, writes);
        Assert.Equal(before, await host.SnapshotAsync());
        Assert.DoesNotContain(host.Audit.Events, e => e.Action == AuditActions.SubjectErased);
    }

    private static Task<string> BeaRowsAsync(SubjectsHost host, SubjectData bea) => host.WithContextAsync(async db =>
    {
        var shopper = await db.Shoppers.AsNoTracking().SingleAsync(s => s.Id == bea.Shopper.Id);
        var purchases = (await db.Purchases.AsNoTracking().Where(p => p.ShopperId == bea.Shopper.Id).OrderBy(p => p.Id).ToListAsync()).Select(
            p => p.ShippingAddress + p.GiftMessage);
        var lines = await db.PurchaseLines.AsNoTracking().Where(l => l.Purchase!.ShopperId == bea.Shopper.Id).CountAsync();
        var review = await db.Reviews.AsNoTracking().SingleAsync(r => r.AuthorId == bea.Shopper.Id);
        return $"{shopper.Email}|{shopper.Nickname}|{string.Join(",", purchases)}|{lines}|{review.Text}";
    });

    private sealed class InjectedFailure : DbException
    {
        public InjectedFailure()
            : base("injected")
        {
        }
    }
}
