using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.EFCore.Audit;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Audit;

/// <summary>The appender's stories, on SQLite and PostgreSQL.</summary>
internal static class AuditAppenderScenarios
{
    public static async Task Every_value_is_stored_in_its_own_column(AuditTestHost host, string order, string kind)
    {
        var records = AuditAppendKinds.Records(kind, AuditChain.Truncate(host.Time.GetUtcNow()));
        IReadOnlyList<AuditEntry> entries;
        await using (var db = host.NewContext())
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var session = new AuditAppendSession(db, AuditDbCalls.Async, CancellationToken.None, AuditSql.Create(db, AuditColumnOrders.Of(order)));
            entries = await AuditChainAppender.AppendAsync(session, records);
            await transaction.CommitAsync();
        }

        var rows = (await host.RowsAsync()).TakeLast(entries.Count).ToList();
        Assert.Equal(entries.Count, rows.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var (entry, row) = (entries[i], rows[i]);
            Assert.Equal(
                (entry.Sequence, entry.Timestamp.UtcDateTime, entry.Action, entry.Actor, entry.SubjectId, entry.EntityType, entry.EntityKey),
                (row.Sequence, row.Timestamp, row.Action, row.Actor, row.SubjectId, row.EntityType, row.EntityKey));
            Assert.Equal(
                (AuditRecordMapper.JoinProperties(entry.Properties), entry.Purpose, entry.CorrelationId, entry.Details,
                    AuditValueChangeCodec.Serialize(entry.Changes), AuditSubjectKey.Of(entry.SubjectId)),
                (row.Properties, row.Purpose, row.CorrelationId, row.Details, row.Changes, row.SubjectKey));
            Assert.Equal(entry.PreviousHash.ToArray(), row.PreviousHash);
            Assert.Equal(entry.Hash.ToArray(), row.Hash);
        }

        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }

    public static async Task Appending_with_synchronous_calls_has_finished_when_it_returns(AuditTestHost host)
    {
        var records = AuditAppendKinds.Records(AuditAppendKinds.SharedContext, AuditChain.Truncate(host.Time.GetUtcNow()));
        await using var db = host.NewContext();
        using var transaction = db.Database.BeginTransaction();

        var append = AuditChainAppender.AppendAsync(db, records, AuditDbCalls.Sync, CancellationToken.None);

        // Nothing waited on asynchronous I/O: a synchronous SaveChanges stays synchronous.
        Assert.True(append.IsCompletedSuccessfully);
        Assert.Equal(2, (await append).Count);
        transaction.Commit();
        Assert.Equal(2, (await host.RowsAsync()).Count);
        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }
}
