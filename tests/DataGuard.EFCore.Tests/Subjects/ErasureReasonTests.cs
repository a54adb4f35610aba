using DataGuard.Model;
using DataGuard.Subjects;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>The erasure report's reasons say what happened to the rows: an action that falls back twice (shredding
/// impossible, then deleting impossible) names only the outcome, never the step it could not take (SQLite).</summary>
public sealed class ErasureReasonTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Erase_reason_for_a_shred_that_could_not_delete_either_says_the_rows_were_kept()
    {
        await using var host = await BadgeHost.StartAsync(o => o.UseSqlite($"Data Source={_folder.File("reasons.db")}"));
        var badge = new Badge { Id = Guid.NewGuid(), Level = 3 };
        await host.AddAsync(badge, new BadgeNote { BadgeId = badge.Id, Text = "note-ana" });

        var report = await host.Subjects.EraseAsync(SubjectId.From(badge.Id));

        var badges = report.Entities.Single(e => e.Entity == nameof(Badge));
        Assert.Equal((ErasureAction.Delete, 0L, 1L), (badges.Action, badges.Deleted, badges.Kept));
        Assert.Equal(1, await host.WithContextAsync(db => db.Set<Badge>().CountAsync()));
        Assert.DoesNotContain(badges.Reasons, r => r.Contains("deleted", StringComparison.Ordinal));
        Assert.Contains(badges.Reasons,
            r => r.Contains("subject keys are off", StringComparison.Ordinal) && r.Contains("kept instead of shredded", StringComparison.Ordinal));
    }

    /// <summary>A subject entity with nothing personal to clear, whose erasure is declared as shredding.</summary>
    public class Badge
    {
        [DataSubject] public Guid Id { get; set; }
        public int Level { get; set; }
    }

    /// <summary>A note that refers to its badge (cascade) and is anonymised on erasure, so it stays.</summary>
    public class BadgeNote
    {
        public int Id { get; set; }
        [DataSubject] public Guid BadgeId { get; set; }
        public Badge? Badge { get; set; }
        [Personal(Encrypt = false)] public string Text { get; set; } = "";
    }

    public sealed class BadgeContext(DbContextOptions options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Badge>().HasErasure(ErasureAction.Shred);
            modelBuilder.Entity<BadgeNote>().HasErasure(ErasureAction.Anonymize);
        }
    }

    private sealed class BadgeHost : DataGuardTestHost<BadgeContext>
    {
        private BadgeHost(Parts parts)
            : base(parts)
        {
        }

        public ISubjectRightsService Subjects => Services.GetRequiredService<ISubjectRightsService>();

        public static Task<BadgeHost> StartAsync(Action<DbContextOptionsBuilder> database)
            => StartAsync(new Setup(database), static parts => new BadgeHost(parts));
    }
}
