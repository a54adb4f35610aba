using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Encryption.ReleaseFixture;

/// <summary>Values written by the first release (the committed databases in Fixtures/release-0.1 and the Data
/// Protection key ring they were wrapped with) read back with today's code. Each test works on a copy, since opening
/// the databases and the key ring may write to them.</summary>
public sealed class ReleaseFixtureTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public ReleaseFixtureTests()
    {
        foreach (var file in Directory.EnumerateFiles(ReleaseFixtureData.Folder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_folder.Path, Path.GetRelativePath(ReleaseFixtureData.Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Ring_key_values_written_by_the_first_release_read_back()
    {
        await using var host = ReleaseFixtureHost<FixtureRingContext>.Start(_folder.Path, "ring.db", subjectKeys: false);
        var read = await host.WithContextAsync(db => db.Accounts.AsNoTracking().OrderBy(a => a.Id).ToListAsync());

        var expected = ReleaseFixtureData.Accounts();
        Assert.Equal(expected.Length, read.Count);
        foreach (var (want, got) in expected.OrderBy(a => a.Id).Zip(read))
        {
            Assert.Equal(
                (want.Id, want.Email, want.Name, want.CreditScore, want.BirthDate, want.Balance, want.NationalId, want.Phone),
                (got.Id, got.Email, got.Name, got.CreditScore, got.BirthDate, got.Balance, got.NationalId, got.Phone));
        }
    }

    [Fact]
    public async Task Searchable_values_written_by_the_first_release_are_found_by_their_blind_index()
    {
        await using var host = ReleaseFixtureHost<FixtureRingContext>.Start(_folder.Path, "ring.db", subjectKeys: false);
        var found = await host.WithContextAsync(db => db.Accounts.WhereEncrypted(a => a.Email, "Jonas.Weber@example.org").SingleAsync());
        Assert.Equal(Guid.Parse("0b6f8f3e-5a0c-4f4e-9a51-3c2d1e0f1a02"), found.Id);
    }

    [Fact]
    public async Task Subject_key_values_written_by_the_first_release_read_back()
    {
        await using var host = ReleaseFixtureHost<FixtureSubjectContext>.Start(_folder.Path, "subject.db", subjectKeys: true);
        var read = await host.WithContextAsync(db => db.Members.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

        Assert.Equal(
            ReleaseFixtureData.Members().OrderBy(m => m.Id).Select(static m => (m.Id, m.Email, m.Name, m.Phone)),
            read.Select(static m => (m.Id, m.Email, m.Name, m.Phone)));
    }

    [Fact]
    public async Task Values_written_by_the_first_release_still_fail_when_moved_to_another_column()
    {
        await using var host = ReleaseFixtureHost<FixtureRingContext>.Start(_folder.Path, "ring.db", subjectKeys: false);
        await host.WithContextAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE Accounts SET Name = Email"));
        var error = await Assert.ThrowsAnyAsync<DataGuardException>(() => host.WithContextAsync(db => db.Accounts.AsNoTracking().ToListAsync()));
        Assert.Contains("Name", error.Message, StringComparison.Ordinal);
    }
}
