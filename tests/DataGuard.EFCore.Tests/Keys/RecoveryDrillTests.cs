using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>The drill docs/backup-and-recovery.md describes: back up the database (DataGuardKeys included) and the Data
/// Protection key ring, lose the process, restore both somewhere else, read everything back.</summary>
public sealed class RecoveryDrillTests : IDisposable
{
    private readonly TempDirectory _live = new();
    private readonly TempDirectory _backup = new();
    private readonly TempDirectory _restored = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _live.Dispose();
        _backup.Dispose();
        _restored.Dispose();
    }

    [Fact]
    public async Task Database_and_key_ring_restored_on_a_fresh_host_read_back_every_encrypted_value()
    {
        static void SubjectKeys(DataGuardOptions o) => o.Encryption.SubjectKeys = true;
        var contacts = Enumerable.Range(1,
            20).Select(static i => new Contact { Id = Guid.NewGuid(), Email = $"person{i}@example.com", Nickname = i % 2 == 0 ? $"nick {i}" : null }).ToList();
        using (var ring = new FileKeyRing(_live.File("keys")))
        {
            await using var host = await LedgerHost.StartAsync(o => o.UseSqlite($"Data Source={_live.File("app.db")}"), ring.Provider, configure: SubjectKeys);
            await host.AddAsync([.. contacts]);
            await host.AddAsync([.. Enumerable.Range(1,
                20).Select(i => new Message { Id = i, ContactId = i % 5 == 0 ? null : contacts[i - 1].Id, Body = $"message {i}" })]);
            await host.Keys.RotateAsync(); // values on two ring keys
            await host.AddAsync([.. Enumerable.Range(1, 20).Select(static i => new Memo { Id = i, Text = $"memo {i}", IsDeleted = i % 4 == 0 })]);
        }

        // Back up both, then the process is gone.
        SqliteConnection.ClearAllPools();
        Copy(_live.Path, _backup.Path);

        // Restore on another machine: a fresh folder, a fresh host, nothing cached.
        Copy(_backup.Path, _restored.Path);
        using var restoredRing = new FileKeyRing(_restored.File("keys"));
        await using var restored = await LedgerHost.StartAsync(o => o.UseSqlite($"Data Source={_restored.File("app.db")}"), restoredRing.Provider,
            create: false, configure: SubjectKeys);
        await FileKeyRing.StartHostedServicesAsync(restored.Services);

        await restored.WithContextAsync(async db =>
        {
            var readContacts = await db.Contacts.AsNoTracking().ToDictionaryAsync(c => c.Id);
            Assert.All(contacts, c => Assert.Equal((c.Email, c.Nickname), (readContacts[c.Id].Email, readContacts[c.Id].Nickname)));
            Assert.Equal(Enumerable.Range(1, 20).Select(static i => $"message {i}"), (await db.Messages.OrderBy(m => m.Id).ToListAsync()).Select(m => m.Body));
            Assert.Equal(Enumerable.Range(1, 20).Select(static i => $"memo {i}"),
                await db.Memos.IgnoreQueryFilters().OrderBy(m => m.Id).Select(m => m.Text).ToListAsync());
            Assert.Equal([contacts[6].Id], await db.Contacts.WhereEncrypted(c => c.Email, "person7@example.com").Select(c => c.Id).ToListAsync());
            Assert.Equal(5, await db.Memos.WhereEncrypted(m => m.Text, "memo 5").Select(m => m.Id).SingleAsync());
        });
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
