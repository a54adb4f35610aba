using DataGuard.EFCore;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Keys;
using DataGuard.Model;
using DataGuard.Subjects;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>Erasure with subject keys on (SQLite): shredding destroys the subject's key only when nothing the law keeps
/// depends on it, and what a shred cannot reach (fields stored in clear) is anonymised.</summary>
public sealed class SubjectKeyErasureTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private Task<SubjectsHost> StartAsync() => SubjectsHost.StartAsync(
        o => o.UseSqlite($"Data Source={_folder.File("subject-keys.db")}"),
        o => o.Encryption.SubjectKeys = true,
        shredReviews: true);

    [Fact]
    public async Task With_nothing_to_keep_the_subject_key_is_shredded_and_clear_fields_of_shredded_rows_are_anonymised()
    {
        await using var host = await StartAsync();
        var category = new Category { Name = "books" };
        var ana = SubjectData.Create("ana", category, SubjectsHost.Now.UtcDateTime, recent: false);
        var bob = SubjectData.Create("bob", category, SubjectsHost.Now.UtcDateTime);
        await host.AddAsync([category, .. ana.Entities, .. bob.Entities]);

        var report = await host.Subjects.EraseAsync(ana.Shopper.Id);

        Assert.True(report.KeyShredded);
        Assert.Equal(0, report.Kept);
        var review = report.Entities.Single(e => e.Entity == nameof(Review));
        Assert.Equal((ErasureAction.Shred, 1L), (review.Action, review.Shredded));
        var text = await host.WithContextAsync(db => db.Reviews.Where(r => r.AuthorId == ana.Shopper.Id).Select(r => r.Text).SingleAsync());
        Assert.DoesNotContain("review-ana", text, StringComparison.Ordinal);
        Assert.Equal(0, await host.WithContextAsync(db => db.Purchases.CountAsync(p => p.ShopperId == ana.Shopper.Id)));
        var bobsEmail = await host.WithContextAsync(db => db.Shoppers.AsNoTracking().Where(s => s.Id == bob.Shopper.Id).ToListAsync());
        Assert.Equal("bob@example.com", Assert.Single(bobsEmail).Email);
    }

    [Fact]
    public async Task Rows_kept_by_law_keep_the_subject_key_alive_so_shredding_becomes_anonymising_with_the_reason()
    {
        await using var host = await StartAsync();
        var category = new Category { Name = "books" };
        var ana = SubjectData.Create("ana", category, SubjectsHost.Now.UtcDateTime);
        await host.AddAsync([category, .. ana.Entities]);

        var report = await host.Subjects.EraseAsync(ana.Shopper.Id);

        Assert.False(report.KeyShredded);
        Assert.True(report.Kept > 0);
        var review = report.Entities.Single(e => e.Entity == nameof(Review));
        Assert.Equal((ErasureAction.Anonymize, 1L), (review.Action, review.Anonymized));
        Assert.Contains(review.Reasons, r => r.Contains("subject's key", StringComparison.Ordinal));
        await host.WithContextAsync(async db =>
        {
            var kept = await db.Purchases.Where(p => p.ShopperId == ana.Shopper.Id).ToListAsync();
            Assert.Equal("2 New Street ana", Assert.Single(kept).ShippingAddress);
            Assert.False(db.Entry(kept[0]).IsShredded());
            var shopper = await db.Shoppers.SingleAsync(s => s.Id == ana.Shopper.Id);
            Assert.DoesNotContain("ana@", shopper.Email, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Export_decrypts_values_under_the_subjects_key_and_holds_only_that_subjects_rows()
    {
        await using var host = await StartAsync();
        var category = new Category { Name = "books" };
        var ana = SubjectData.Create("ana", category, SubjectsHost.Now.UtcDateTime);
        var bob = SubjectData.Create("bob", category, SubjectsHost.Now.UtcDateTime);
        await host.AddAsync([category, .. ana.Entities, .. bob.Entities]);

        var package = await host.ExportAsync(ana.Shopper.Id);

        var shopper = Assert.Single(package.ReadRows(nameof(Shopper)));
        Assert.Equal("ana@example.com", shopper.GetProperty(nameof(Shopper.Email)).GetString());
        var addresses = package.ReadRows(nameof(Purchase)).Select(p => p.GetProperty(nameof(Purchase.ShippingAddress)).GetString()).Order();
        Assert.Equal(["1 Old Street ana", "2 New Street ana"], addresses);
        Assert.DoesNotContain("bob", string.Concat(package.Files.Select(f => System.Text.Encoding.UTF8.GetString(package.ReadFile(f).Span))),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subject_id_spelled_in_upper_case_erases_and_shreds_the_same_subject()
    {
        await using var host = await StartAsync();
        var category = new Category { Name = "books" };
        var ana = SubjectData.Create("ana", category, SubjectsHost.Now.UtcDateTime, recent: false);
        await host.AddAsync([category, .. ana.Entities]);
        var hold = await host.Holds.PlaceOnSubjectAsync(ana.Shopper.Id, "review", "legal");

        var held = await host.Subjects.EraseAsync(new SubjectId(ana.Shopper.Id.ToString("D").ToUpperInvariant()));
        Assert.False(held.KeyShredded);
        Assert.Equal(0, held.Deleted);

        await host.Holds.ReleaseAsync(hold.Id, "legal");
        var erased = await host.Subjects.EraseAsync(new SubjectId(ana.Shopper.Id.ToString("D").ToUpperInvariant()));

        Assert.True(erased.KeyShredded);
        Assert.Equal(ana.Shopper.Id.ToString("D"), erased.SubjectId.Value);
        var store = Assert.IsAssignableFrom<DataGuard.Keys.ISubjectKeyStore>(host.Services.GetRequiredService<DataGuard.Keys.IKeyStore>());
        var keys = await store.GetSubjectKeysAsync([ana.Shopper.Id.ToString("D")]);
        Assert.Equal(DataGuard.Keys.DataKeyStatus.Shredded, Assert.Single(keys).Status);
    }
}
