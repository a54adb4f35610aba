using DataGuard.Audit;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Encryption;
using DataGuard.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>DataGuard's keys are wrapped by Data Protection keys, which roll, expire and (since .NET 9) can be deleted.</summary>
public sealed class DataProtectionKeyTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private void Database(DbContextOptionsBuilder options) => options.UseSqlite($"Data Source={_folder.File("ledger.db")}");

    private static void SubjectKeys(DataGuardOptions options) => options.Encryption.SubjectKeys = true;

    [Fact]
    public async Task Startup_check_fails_naming_the_data_keys_whose_data_protection_key_is_gone()
    {
        using (var ring = new FileKeyRing(_folder.File("keys")))
        {
            await using var host = await LedgerHost.StartAsync(Database, ring.Provider);
            await host.AddAsync(new Memo { Id = 1, Text = "memo 1" });
        }

        // The key ring was not restored with the database: a fresh, empty one.
        using var lost = new FileKeyRing(_folder.File("other-keys"));
        await using var restarted = await LedgerHost.StartAsync(Database, lost.Provider, create: false);

        var failed = await Assert.ThrowsAsync<DataGuardCryptoException>(() => FileKeyRing.StartHostedServicesAsync(restarted.Services));

        Assert.Contains("keys 1, 2 can no longer be unwrapped", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewrap_moves_every_key_to_the_current_data_protection_key_so_the_old_one_can_be_deleted()
    {
        var keysFolder = _folder.File("keys");
        var contact = Guid.NewGuid();
        string[] oldKeyFiles;
        using (var ring = new FileKeyRing(keysFolder))
        {
            await using var host = await LedgerHost.StartAsync(Database, ring.Provider, configure: SubjectKeys);
            await host.AddAsync(new Memo { Id = 1, Text = "memo 1" }, new Contact { Id = contact, Email = "c@example.com" },
                new Message { Id = 1, ContactId = contact, Body = "body" });
            oldKeyFiles = Directory.GetFiles(keysFolder);

            // The Data Protection key rolls: a new default key.
            ring.Keys.CreateNewKey(DateTimeOffset.UtcNow.AddMinutes(1), DateTimeOffset.UtcNow.AddDays(90));
        }

        using (var rolled = new FileKeyRing(keysFolder))
        {
            await using var host = await LedgerHost.StartAsync(Database, rolled.Provider, create: false, configure: SubjectKeys);
            var result = await host.Keys.RewrapAsync();
            Assert.Equal((3, 3, 0), (result.KeysChecked, result.KeysRewrapped, result.UnreadableKeyIds.Count)); // data, blind index, subject
            Assert.Contains(host.Audit.Events, e => e.Action == DataGuard.Audit.AuditActions.KeysRewrapped);
            Assert.Equal(0, (await host.Keys.RewrapAsync()).KeysRewrapped); // resumable: nothing left to do
        }

        // The old Data Protection key expires and is deleted (IDeletableKeyManager).
        Assert.Single(oldKeyFiles);
        File.Delete(oldKeyFiles[0]);

        using var current = new FileKeyRing(keysFolder);
        await using var restarted = await LedgerHost.StartAsync(Database, current.Provider, create: false, configure: SubjectKeys);
        await FileKeyRing.StartHostedServicesAsync(restarted.Services);
        await restarted.WithContextAsync(async db =>
        {
            Assert.Equal("memo 1", (await db.Memos.SingleAsync()).Text);
            Assert.Equal("c@example.com", (await db.Contacts.SingleAsync()).Email);
            Assert.Equal("body", (await db.Messages.SingleAsync()).Body);
        });
    }
}
