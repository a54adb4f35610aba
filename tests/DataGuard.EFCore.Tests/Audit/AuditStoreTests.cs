using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DataGuard.Audit;
using DataGuard.EFCore.Audit;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Subjects;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using static DataGuard.EFCore.Tests.Audit.AuditScenarios;

namespace DataGuard.EFCore.Tests.Audit;

public sealed class AuditStoreTests : IAsyncLifetime
{
    private static readonly X509Certificate2 Certificate = CreateCertificate();
    private readonly TempDirectory _folder = new();
    private AuditTestHost _host = null!;

    public async Task InitializeAsync() => _host = await AuditTestHost.SqliteAsync(_folder, o => o.CheckpointCertificate = Certificate);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<List<Customer>> SaveCustomersAsync(int count, string actor)
    {
        var customers = Enumerable.Range(0, count).Select(_ => NewCustomer()).ToList();
        using (_host.AuditContext.Begin(actor))
        {
            await using var db = _host.NewContext();
            foreach (var customer in customers)
            {
                db.Add(customer);
                await db.SaveChangesAsync();
                _host.Time.Advance(TimeSpan.FromMinutes(1));
            }
        }

        return customers;
    }

    [Fact]
    public async Task Queries_filter_by_subject_actor_action_entity_and_time()
    {
        var ana = await SaveCustomersAsync(3, "ana");
        await SaveCustomersAsync(2, "bob");

        Assert.Equal(3, (await _host.Store.QueryAsync(new AuditQuery { Actor = "ana" })).Entries.Count);
        Assert.Equal(ana[1].Id.ToString("D"), Assert.Single((await _host.Store.QueryAsync(new AuditQuery { SubjectId = ana[1].Id })).Entries).SubjectId);
        Assert.Equal(5, (await _host.Store.QueryAsync(new AuditQuery { Action = AuditActions.EntityInserted, EntityType = "Customer" })).Entries.Count);
        Assert.Single((await _host.Store.QueryAsync(new AuditQuery { EntityType = "Customer", EntityKey = ana[2].Id.ToString("D") })).Entries);
        var window = await _host.Store.QueryAsync(new AuditQuery { From = AuditTestHost.Start.AddMinutes(1), Until = AuditTestHost.Start.AddMinutes(3) });
        Assert.Equal([2L, 3L], window.Entries.Select(e => e.Sequence));
        Assert.Empty((await _host.Store.QueryAsync(new AuditQuery { Actor = "nobody" })).Entries);
    }

    [Fact]
    public async Task Pages_follow_the_sequence_without_overlap()
    {
        await SaveCustomersAsync(5, "ana");
        var first = await _host.Store.QueryAsync(new AuditQuery { PageSize = 2 });
        var second = await _host.Store.QueryAsync(new AuditQuery { PageSize = 2, AfterSequence = first.NextAfterSequence!.Value });
        var last = await _host.Store.QueryAsync(new AuditQuery { PageSize = 2, AfterSequence = second.NextAfterSequence!.Value });

        Assert.Equal([1L, 2L, 3L, 4L, 5L], first.Entries.Concat(second.Entries).Concat(last.Entries).Select(e => e.Sequence));
        Assert.Null(last.NextAfterSequence);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _host.Store.QueryAsync(new AuditQuery { PageSize = 0 }));
    }

    [Fact]
    public async Task Queried_entries_carry_hashes_that_verify()
    {
        await SaveCustomersAsync(2, "ana");
        var entries = (await _host.Store.QueryAsync(new AuditQuery())).Entries;
        Assert.All(entries, e => Assert.True(AuditChain.HashMatches(e)));
        Assert.Equal(entries[0].Hash.ToArray(), entries[1].PreviousHash.ToArray());
    }

    [Fact]
    public async Task A_checkpoint_signs_the_chain_head_and_verifies_offline()
    {
        await SaveCustomersAsync(3, "ana");
        var checkpoint = await _host.Store.CreateCheckpointAsync();
        var head = await _host.HeadAsync();

        using var publicOnly = X509CertificateLoader.LoadCertificate(Certificate.RawData);
        var verified = AuditCheckpoint.Verify(checkpoint.SignedData.Span, publicOnly);
        Assert.Equal(3L, verified.Sequence);
        Assert.Equal(head.Hash, verified.Hash.ToArray());
        Assert.Equal(_host.Time.GetUtcNow(), verified.CreatedAt);
    }

    [Fact]
    public async Task After_pruning_behind_a_checkpoint_the_rest_of_the_chain_still_verifies()
    {
        await SaveCustomersAsync(4, "ana");
        var checkpoint = await _host.Store.CreateCheckpointAsync();
        await SaveCustomersAsync(3, "bob");

        Assert.Equal(4, await _host.Store.PruneAsync(checkpoint));

        var report = await _host.Verifier.VerifyAsync();
        Assert.True(report.IsIntact, report.ToString());
        Assert.Equal((4L, 3L), (report.VerifiedFrom, report.EntriesVerified));
        Assert.Equal([5L, 6L, 7L], (await _host.RowsAsync()).Select(r => r.Sequence));
    }

    [Fact]
    public async Task A_subject_index_key_that_does_not_match_its_subject_is_reported()
    {
        // The key is outside the hash: changed, it would hide the entry from its subject's audit and export.
        var customers = await SaveCustomersAsync(3, "ana");
        Assert.Single((await _host.Store.QueryAsync(new AuditQuery { SubjectId = customers[1].Id })).Entries);
        await using (var db = _host.NewContext())
        {
            await db.Set<AuditEntryRecord>().Where(e => e.Sequence == 2).ExecuteUpdateAsync(s => s.SetProperty(e => e.SubjectKey, 42L));
        }

        Assert.Empty((await _host.Store.QueryAsync(new AuditQuery { SubjectId = customers[1].Id })).Entries);
        var report = await _host.Verifier.VerifyAsync();
        Assert.Equal(2, report.FirstBrokenSequence);
        Assert.Contains("subject index key", report.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entries_stored_before_the_subject_index_key_are_still_found_by_subject()
    {
        var customers = await SaveCustomersAsync(3, "ana");
        await using (var db = _host.NewContext())
        {
            await db.Set<AuditEntryRecord>().Where(e => e.Sequence <= 2).ExecuteUpdateAsync(s => s.SetProperty(e => e.SubjectKey, (long?)null));
        }

        Assert.Equal(customers[0].Id.ToString("D"),
            Assert.Single((await _host.Store.QueryAsync(new AuditQuery { SubjectId = customers[0].Id })).Entries).SubjectId);
        Assert.Equal(customers[2].Id.ToString("D"),
            Assert.Single((await _host.Store.QueryAsync(new AuditQuery { SubjectId = customers[2].Id })).Entries).SubjectId);
        Assert.True((await _host.Verifier.VerifyAsync()).IsIntact);
    }

    [Fact]
    public void The_subject_index_key_is_stable()
    {
        // Stored in every row: a change here would hide every stored entry from its subject's queries.
        Assert.Equal(0, AuditSubjectKey.Of(null));
        Assert.Equal(unchecked((long)14695981039346656037), AuditSubjectKey.Of(""));
        Assert.Equal(-5808556873153909620, AuditSubjectKey.Of("a"));
        Assert.NotEqual(AuditSubjectKey.Of("3f2504e0-4f89-41d3-9a0c-0305e82c3301"), AuditSubjectKey.Of("3f2504e0-4f89-41d3-9a0c-0305e82c3302"));
    }

    [Fact]
    public async Task Deleting_entries_without_a_checkpoint_is_reported()
    {
        await SaveCustomersAsync(4, "ana");
        await using (var db = _host.NewContext())
        {
            await db.Set<AuditEntryRecord>().Where(e => e.Sequence <= 2).ExecuteDeleteAsync();
        }

        Assert.Equal(1, (await _host.Verifier.VerifyAsync()).FirstBrokenSequence);
    }

    [Fact]
    public async Task A_tail_rewritten_with_valid_hashes_is_caught_by_the_signed_checkpoint()
    {
        await SaveCustomersAsync(3, "ana");
        await _host.Store.CreateCheckpointAsync();

        // The attacker knows the hash algorithm: entry 3 is changed, rehashed and the head moved to match.
        await using (var db = _host.NewContext())
        {
            var row = await db.Set<AuditEntryRecord>().SingleAsync(e => e.Sequence == 3);
            row.Actor = "someone-else";
            row.Hash = AuditChain.ComputeHash(AuditRecordMapper.ToEntry(row));
            var head = await db.Set<AuditHeadRecord>().SingleAsync();
            head.Hash = row.Hash;
            await db.SaveChangesAsync();
        }

        var report = await _host.Verifier.VerifyAsync();
        Assert.Equal(3, report.FirstBrokenSequence);
        Assert.Contains("checkpoint", report.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_checkpoint_row_is_reported()
    {
        await SaveCustomersAsync(2, "ana");
        var checkpoint = await _host.Store.CreateCheckpointAsync();
        await using (var db = _host.NewContext())
        {
            var signed = checkpoint.SignedData.ToArray();
            signed[^5] ^= 0x40;
            await db.Set<AuditCheckpointRecord>().ExecuteUpdateAsync(s => s.SetProperty(c => c.SignedData, signed));
        }

        var report = await _host.Verifier.VerifyAsync();
        Assert.Equal(2, report.FirstBrokenSequence);
        Assert.Contains("does not verify", report.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(4096)]
    public async Task A_stored_hash_of_the_wrong_size_is_reported_at_its_entry(int size)
    {
        await SaveCustomersAsync(3, "ana");
        var bad = new byte[size];
        await using (var db = _host.NewContext())
        {
            await db.Set<AuditEntryRecord>().Where(e => e.Sequence == 2).ExecuteUpdateAsync(s => s.SetProperty(e => e.Hash, bad));
        }

        Assert.Equal(2, (await _host.Verifier.VerifyAsync()).FirstBrokenSequence);
    }

    [Fact]
    public async Task Pruning_needs_a_stored_checkpoint()
    {
        await SaveCustomersAsync(2, "ana");
        var checkpoint = await _host.Store.CreateCheckpointAsync();
        await using (var db = _host.NewContext())
        {
            await db.Set<AuditCheckpointRecord>().ExecuteDeleteAsync();
        }

        await Assert.ThrowsAsync<DataGuardAuditException>(() => _host.Store.PruneAsync(checkpoint));
        Assert.Equal(2, (await _host.RowsAsync()).Count);
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new CertificateRequest("CN=DataGuard audit checkpoints (test)", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
