using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Purposes;

/// <summary>What a read inside a purpose scope allocates beyond the same read outside one (issue 17: the check runs for
/// every entity created, so it must not allocate per entity once the scope knows the subjects' consent states).</summary>
public sealed class PurposeScopeAllocationTests : IDisposable
{
    private const int Rows = 200;
    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_read_inside_a_scope_allocates_nothing_per_entity_once_the_subjects_are_known()
    {
        // EF Core's thread-safety check writes an AsyncLocal twice per row, and each write copies the flow's AsyncLocal
        // values, which the scope's own make larger: a cost of EF Core the application can turn off, not the check's.
        await using var host = await PurposeHost.SqliteAsync(
            _folder,
            static o => o.Purposes.Add("treatment", lawfulBasis: LawfulBasis.Contract)
                .Uses(PersonalCategory.Identity, PersonalCategory.Contact, PersonalCategory.Health, PersonalCategory.Demographic),
            threadSafetyChecks: false);
        await using (var db = host.NewContext())
        {
            db.Patients.AddRange(Enumerable.Range(0, Rows).Select(i => new CarePatient { Id = Guid.NewGuid(), Name = $"P{i}", Email = $"p{i}@example.org", Notes = "n" }));
            await db.SaveChangesAsync();
        }

        var outside = LeastAllocated(host);
        long inside;
        using (host.Purposes.Begin("treatment"))
        {
            Read(host); // the first read inside the scope looks the subjects' consent states up
            inside = LeastAllocated(host);
        }

        var perEntity = (inside - outside) / (double)Rows;
        Assert.True(perEntity < 4, $"A read inside the scope allocated {perEntity:F1} bytes per entity more than outside it.");
    }

    private static long LeastAllocated(PurposeHost host)
    {
        var least = long.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Read(host);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }

    private static void Read(PurposeHost host)
    {
        using var db = host.NewContext();
        Assert.Equal(Rows, db.Patients.AsNoTracking().ToList().Count);
    }
}
