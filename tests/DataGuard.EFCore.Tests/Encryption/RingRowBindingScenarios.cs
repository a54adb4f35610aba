using DataGuard.EFCore.Tests.TestModel.Binding;
using DataGuard.EFCore.Audit;
using DataGuard.Encryption;
using DataGuard.Keys;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Encryption;

/// <summary>Row binding on the key ring (no subject keys): what it detects, what it does not, and how existing values
/// move to it.</summary>
internal static class RingRowBindingScenarios
{
    public static async Task A_value_swapped_between_rows_of_one_column_fails_with_row_binding(BindingDatabase database)
    {
        await using var host = await database.BoundAsync();
        var first = new Dossier { Id = Guid.NewGuid(), Summary = "chronic back pain", Scan = [1, 2, 3] };
        var second = new Dossier { Id = Guid.NewGuid(), Summary = "no findings", Scan = [4, 5, 6] };
        await host.AddAsync(first, second);

        var firstStored = await StoredSummaryAsync(host, first.Id);
        var secondStored = await StoredSummaryAsync(host, second.Id);
        Assert.True(FieldFormat.TryReadTextHeader(secondStored, out _, out var flags, out _));
        Assert.Equal(FieldFlags.RowBound, flags);

        await SetSummaryAsync(host, first.Id, secondStored);
        var ex = await Assert.ThrowsAsync<DataGuardCryptoException>(() => host.WithContextAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == first.Id)));
        Assert.Equal(("Dossier", "Summary"), (ex.Entity, ex.Property));
        Assert.Contains("failed authentication", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("no findings", ex.ToString(), StringComparison.Ordinal);

        // Put back, the row's own value reads; then the binary column is swapped.
        await SetSummaryAsync(host, first.Id, firstStored);
        Assert.Equal("chronic back pain", (await host.WithContextAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == first.Id))).Summary);
        var secondScan = await host.WithContextAsync(db => db.Database.SqlQueryRaw<byte[]>("SELECT \"Scan\" AS \"Value\" FROM \"Dossiers\" WHERE \"Id\" = {0}", second.Id).SingleAsync());
        using (DataGuardStatements.Begin()) // the attacker writes past DataGuard's ExecuteUpdate guard
        {
            await host.WithContextAsync(db => db.Dossiers.Where(d => d.Id == first.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Scan, secondScan)));
        }

        var binary = await Assert.ThrowsAsync<DataGuardCryptoException>(() => host.WithContextAsync(db => db.Dossiers.SingleAsync(d => d.Id == first.Id)));
        Assert.Equal(("Dossier", "Scan"), (binary.Entity, binary.Property));
    }

    public static async Task A_value_swapped_between_rows_with_an_assigned_int_key_fails_with_row_binding(BindingDatabase database)
    {
        await using var host = await database.BoundAsync();
        var client = Guid.NewGuid();
        await host.AddAsync(new CaseFile { Id = 1, ClientId = client, Note = "first hearing" }, new CaseFile { Id = 2, ClientId = client, Note = "settlement offer" });
        Assert.Equal("first hearing", (await host.WithContextAsync(db => db.CaseFiles.AsNoTracking().SingleAsync(c => c.Id == 1))).Note);

        var secondStored = await host.WithContextAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"Note\" AS \"Value\" FROM \"CaseFiles\" WHERE \"Id\" = 2").SingleAsync());
        using (DataGuardStatements.Begin())
        {
            await host.WithContextAsync(db => db.CaseFiles.Where(c => c.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(c => c.Note, secondStored)));
        }

        var ex = await Assert.ThrowsAsync<DataGuardCryptoException>(() => host.WithContextAsync(db => db.CaseFiles.AsNoTracking().SingleAsync(c => c.Id == 1)));
        Assert.Equal(("CaseFile", "Note"), (ex.Entity, ex.Property));
    }

    /// <summary>What the threat model says is not detected without row binding.</summary>
    public static async Task A_value_swapped_between_rows_of_one_column_is_not_detected_without_row_binding(BindingDatabase database)
    {
        await using var host = await database.UnboundAsync();
        var first = new Dossier { Id = Guid.NewGuid(), Summary = "chronic back pain" };
        var second = new Dossier { Id = Guid.NewGuid(), Summary = "no findings" };
        await host.AddAsync(first, second);

        await SetSummaryAsync(host, first.Id, await StoredSummaryAsync(host, second.Id));

        Assert.Equal("no findings", (await host.WithContextAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == first.Id))).Summary);
    }

    public static async Task Unbound_values_are_refused_read_in_migration_mode_and_bound_by_the_reencryption_job(BindingDatabase database)
    {
        var first = new Dossier { Id = Guid.NewGuid(), Summary = "chronic back pain", Scan = [1, 2, 3] };
        var second = new Dossier { Id = Guid.NewGuid(), Summary = "no findings" };
        await using (var before = await database.UnboundAsync())
        {
            await before.AddAsync(first, second);
        }

        await using var bound = await database.BoundAsync();
        var refused = await Assert.ThrowsAsync<DataGuardCryptoException>(() => bound.WithContextAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == first.Id)));
        Assert.Contains("not bound to its row", refused.Message, StringComparison.Ordinal);
        Assert.Contains("ReadValuesWithoutRowBinding", refused.Message, StringComparison.Ordinal);

        await using var migrating = await database.BoundAsync(o => o.Encryption.ReadValuesWithoutRowBinding = true);
        Assert.Equal("chronic back pain", (await migrating.WithContextAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == first.Id))).Summary);

        var report = await migrating.Reencryptor.RunAsync();
        Assert.Equal(0, report.SkippedCount);
        Assert.Equal(2, report.TotalRows);
        Assert.True(FieldFormat.TryReadTextHeader(await StoredSummaryAsync(migrating, first.Id), out _, out var flags, out var keyId));
        Assert.Equal((FieldFlags.RowBound, report.ActiveKeyId), (flags, keyId));
        Assert.Equal(0, (await migrating.Reencryptor.RunAsync()).TotalRows);

        // Bound now: read without the migration mode, and a swap is detected.
        var read = await bound.WithContextAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == first.Id));
        Assert.Equal("chronic back pain", read.Summary);
        Assert.Equal([1, 2, 3], read.Scan);
        Assert.Equal(first.Id, (await bound.WithContextAsync(db => db.Dossiers.WhereEncrypted(d => d.Summary, "Chronic back pain").SingleAsync())).Id);
        await SetSummaryAsync(bound, first.Id, await StoredSummaryAsync(bound, second.Id));
        await Assert.ThrowsAsync<DataGuardCryptoException>(() => bound.WithContextAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == first.Id)));
    }

    public static async Task Rotation_moves_row_bound_values_to_the_new_key_still_bound_and_retirement_waits_for_them(BindingDatabase database)
    {
        await using var host = await database.BoundAsync();
        var dossier = new Dossier { Id = Guid.NewGuid(), Summary = "chronic back pain", Scan = [7] };
        await host.AddAsync(dossier, new CaseFile { Id = 7, ClientId = Guid.NewGuid(), Note = "first hearing" });
        Assert.True(FieldFormat.TryReadTextHeader(await StoredSummaryAsync(host, dossier.Id), out _, out _, out var oldKey));
        var newKey = (await host.Keys.RotateAsync()).Id;

        // The key-usage count sees row-bound values, so the old key cannot be retired before they move.
        var inUse = await Assert.ThrowsAsync<KeyInUseException>(() => host.Keys.RetireAsync(oldKey));
        Assert.Contains(oldKey.ToString(System.Globalization.CultureInfo.InvariantCulture), inUse.Message, StringComparison.Ordinal);

        var report = await host.Reencryptor.RunAsync();
        Assert.Equal((0, 2L), (report.SkippedCount, report.TotalRows));
        Assert.True(FieldFormat.TryReadTextHeader(await StoredSummaryAsync(host, dossier.Id), out _, out var flags, out var keyId));
        Assert.Equal((FieldFlags.RowBound, newKey), (flags, keyId));
        var read = await host.WithContextAsync(db => db.Dossiers.AsNoTracking().SingleAsync(d => d.Id == dossier.Id));
        Assert.Equal("chronic back pain", read.Summary);
        Assert.Equal([7], read.Scan);
        Assert.Equal("first hearing", (await host.WithContextAsync(db => db.CaseFiles.AsNoTracking().SingleAsync())).Note);

        await host.Keys.RetireAsync(oldKey);
    }

    public static async Task A_row_bound_value_is_updated_through_the_change_tracker_and_refused_by_execute_update(BindingDatabase database)
    {
        await using var host = await database.BoundAsync();
        var dossier = new Dossier { Id = Guid.NewGuid(), Summary = "chronic back pain" };
        await host.AddAsync(dossier);
        await host.WithContextAsync(async db =>
        {
            var tracked = await db.Dossiers.SingleAsync();
            Assert.Equal(EntityState.Unchanged, db.Entry(tracked).State);
            tracked.Summary = "recovered";
            await db.SaveChangesAsync();
            Assert.Equal("recovered", tracked.Summary);
            Assert.Equal(EntityState.Unchanged, db.Entry(tracked).State);
        });

        Assert.Equal("recovered", (await host.WithContextAsync(db => db.Dossiers.AsNoTracking().SingleAsync())).Summary);
        var ex = await Assert.ThrowsAsync<DataGuardException>(() => host.WithContextAsync(db => db.Dossiers.ExecuteUpdateAsync(s => s.SetProperty(d => d.Summary, "forged"))));
        Assert.Contains("bound to its row", ex.Message, StringComparison.Ordinal);
    }

    private static Task<string> StoredSummaryAsync<TContext>(BindingHost<TContext> host, Guid id)
        where TContext : RowBoundContext
        => host.WithContextAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"Summary\" AS \"Value\" FROM \"Dossiers\" WHERE \"Id\" = {0}", id).SingleAsync());

    /// <summary>The attacker writes the stored text with plain SQL (past DataGuard's converters and guards).</summary>
    private static Task<int> SetSummaryAsync<TContext>(BindingHost<TContext> host, Guid id, string stored)
        where TContext : RowBoundContext
        => host.WithContextAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"Dossiers\" SET \"Summary\" = {0} WHERE \"Id\" = {1}", stored, id));
}
