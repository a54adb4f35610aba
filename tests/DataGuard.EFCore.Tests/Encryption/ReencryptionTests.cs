using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Encryption;

public sealed class ReencryptionTests : IDisposable
{
    private const int Rows = 100_000;
    private const int LegacyRows = 1_000;
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string TextOf(int i) => $"note {i} for customer {i * 7919 % 100_003}";

    private sealed class CancelAtBatch(CancellationTokenSource cancel, long atRows) : IProgress<ReencryptionProgress>
    {
        public long LastRows { get; private set; }

        public void Report(ReencryptionProgress value)
        {
            LastRows = value.RowsDone;
            if (value.RowsDone >= atRows)
            {
                cancel.Cancel();
            }
        }
    }

    private static async Task<int> CountOnKeyAsync(VaultContext db, int keyId)
    {
        var header = FieldFormat.TextHeader(FieldFlags.RingKey, keyId);
        return await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM \"Notes\" WHERE substr(\"Text\", 1, 11) = {header}").SingleAsync();
    }

    [Fact]
    public async Task Rotation_then_reencryption_moves_every_row_and_a_run_cancelled_midway_loses_and_duplicates_nothing()
    {
        await using var host = await VaultHost.SqliteAsync(_folder, o => { o.Encryption.ReadLegacyPlaintext = true; o.Encryption.ReencryptionBatchSize = 2_000; });
        for (var start = 0; start < Rows; start += 20_000)
        {
            await host.WithContextAsync(async db =>
            {
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                db.Notes.AddRange(Enumerable.Range(start, 20_000).Select(i => new Note { Id = i + 1, Text = TextOf(i) }));
                await db.SaveChangesAsync();
            });
        }

        // Legacy rows written in clear before encryption was turned on.
        await host.WithContextAsync(db => db.Database.ExecuteSqlAsync(
            $"WITH RECURSIVE n(i) AS (SELECT {Rows} UNION ALL SELECT i + 1 FROM n WHERE i < {Rows + LegacyRows - 1}) INSERT INTO \"Notes\" (\"Id\", \"Text\") SELECT i + 1, 'note ' || i || ' for customer ' || ((i * 7919) % 100003) FROM n"));

        var keys = host.Services.GetRequiredService<IKeyManager>();
        var oldKey = (await keys.ListAsync()).Single(k => k is { Kind: DataKeyKind.Data, Status: DataKeyStatus.Active }).Id;
        var newKey = (await keys.RotateAsync()).Id;
        var reencryptor = host.Services.GetRequiredService<IFieldReencryptor>();

        using var cancel = new CancellationTokenSource();
        var stopAt = new Random(Seed: Environment.TickCount).Next(1, 40) * 2_000L;
        var cancelling = new CancelAtBatch(cancel, stopAt);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reencryptor.RunAsync(cancelling, cancel.Token));
        var movedBeforeCancel = await host.WithContextAsync(db => CountOnKeyAsync(db, newKey));
        Assert.Equal(cancelling.LastRows, movedBeforeCancel);

        var report = await reencryptor.RunAsync();
        Assert.Equal(Rows + LegacyRows - movedBeforeCancel, report.RowsByEntity["Note"]);
        Assert.Equal(newKey, report.ActiveKeyId);

        await host.WithContextAsync(async db =>
        {
            Assert.Equal(Rows + LegacyRows, await CountOnKeyAsync(db, newKey));
            Assert.Equal(0, await CountOnKeyAsync(db, oldKey));
            var notes = await db.Notes.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
            Assert.Equal(Rows + LegacyRows, notes.Count);
            for (var i = 0; i < notes.Count; i++)
            {
                if (notes[i].Id != i + 1 || notes[i].Text != TextOf(i))
                {
                    Assert.Fail($"row {i + 1} was lost or changed by re-encryption");
                }
            }
        });

        // Every value is on the new key: the old key can go, and nothing is left for a new run.
        await keys.RetireAsync(oldKey);
        Assert.Equal(0, (await reencryptor.RunAsync()).TotalRows);
    }
}
