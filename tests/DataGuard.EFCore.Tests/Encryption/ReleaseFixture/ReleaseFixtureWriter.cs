using Microsoft.Data.Sqlite;

namespace DataGuard.EFCore.Tests.Encryption.ReleaseFixture;

/// <summary>Writes the fixture databases (how Fixtures/release-0.1 was made, with the code of that release).</summary>
public sealed class ReleaseFixtureWriter
{
    [WriteFixtureFact]
    public async Task Write_fixture_databases()
    {
        var folder = Environment.GetEnvironmentVariable("DATAGUARD_WRITE_FIXTURE")!;
        Directory.CreateDirectory(folder);

        await using (var ring = ReleaseFixtureHost<FixtureRingContext>.Start(folder, "ring.db", subjectKeys: false))
        {
            await ring.WithContextAsync(async db =>
            {
                await db.Database.EnsureCreatedAsync();
                db.Accounts.AddRange(ReleaseFixtureData.Accounts());
                return await db.SaveChangesAsync();
            });
        }

        await using (var subject = ReleaseFixtureHost<FixtureSubjectContext>.Start(folder, "subject.db", subjectKeys: true))
        {
            await subject.WithContextAsync(async db =>
            {
                await db.Database.EnsureCreatedAsync();
                db.Members.AddRange(ReleaseFixtureData.Members());
                return await db.SaveChangesAsync();
            });
        }

        SqliteConnection.ClearAllPools();
        Assert.True(File.Exists(Path.Combine(folder, "ring.db")));
    }
}
