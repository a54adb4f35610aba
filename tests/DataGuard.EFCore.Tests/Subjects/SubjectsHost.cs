using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Subjects;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>An application with subject rights, wired as a user would, on a fake clock; audit and SQL are recorded.</summary>
internal sealed class SubjectsHost : DataGuardTestHost<SubjectsContext>
{
    public static readonly DateTimeOffset Now = Start;

    private SubjectsHost(Parts parts)
        : base(parts)
    {
    }

    public ISubjectRightsService Subjects => Services.GetRequiredService<ISubjectRightsService>();

    public static Task<SubjectsHost> StartAsync(Action<DbContextOptionsBuilder> database, Action<DataGuardOptions>? configure = null,
        IDataProtectionProvider? dataProtection = null, bool create = true, bool shredReviews = false, Action<IServiceCollection>? register = null)
        => StartAsync(
            new Setup(database)
            {
                Configure = configure, DataProtection = dataProtection, Create = create, Register = register,
                AddContext = shredReviews ? static (services, configure) => services.AddDbContext<SubjectsContext, ShreddingSubjectsContext>(configure) : null,
            },
            static parts => new SubjectsHost(parts));

    public static Task<SubjectsHost> SqliteAsync(TempDirectory folder, Action<DataGuardOptions>? configure = null)
        => StartAsync(o => o.UseSqlite($"Data Source={folder.File("subjects.db")}"), configure);

    public async Task<SubjectExportPackage> ExportAsync(SubjectId subject)
    {
        using var buffer = new MemoryStream();
        await Subjects.ExportAsync(subject, buffer);
        buffer.Position = 0;
        return await SubjectExportPackage.ReadAsync(buffer);
    }

    public async Task<byte[]> ExportBytesAsync(SubjectId subject)
    {
        using var buffer = new MemoryStream();
        await Subjects.ExportAsync(subject, buffer);
        return buffer.ToArray();
    }

    /// <summary>Every row of every table, as text, for comparing database states.</summary>
    public Task<string> SnapshotAsync() => WithContextAsync(async db =>
    {
        var shoppers = await db.Shoppers.AsNoTracking().OrderBy(s => s.Id).Select(s => $"{s.Id}|{s.Email}|{s.Nickname}").ToListAsync();
        var purchases = await db.Purchases.AsNoTracking().OrderBy(p => p.Id).Select(
            p => $"{p.Id}|{p.ShopperId}|{p.ShippingAddress}|{p.GiftMessage}").ToListAsync();
        var lines = await db.PurchaseLines.AsNoTracking().OrderBy(l => l.Id).Select(l => $"{l.Id}|{l.PurchaseId}|{l.Engraving}").ToListAsync();
        var reviews = await db.Reviews.AsNoTracking().OrderBy(r => r.Id).Select(r => $"{r.Id}|{r.AuthorId}|{r.Text}").ToListAsync();
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Id).Select(c => $"{c.Id}|{c.Name}").ToListAsync();
        return string.Join("\n", [.. shoppers, .. purchases, .. lines, .. reviews, .. categories]);
    });

}
