using DataGuard.Audit;
using DataGuard.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Audit;

/// <summary>
/// Appends records to the chain inside the context's current transaction: lock the head row, read the head, hash
/// each record onto it, insert the entries (<see cref="AuditEntryInserts"/> picks how) and move the head. The head lock
/// serialises appenders across processes until their transactions end, and the sequence primary key rejects any entry
/// that would fork the chain, so a committed chain is always linear and gap-free; a rolled-back transaction takes its
/// entries and its head move with it. Written once: a synchronous SaveChanges passes <see cref="AuditDbCalls.Sync"/>.
/// </summary>
internal static class AuditChainAppender
{
    public static ValueTask<IReadOnlyList<AuditEntry>> AppendAsync(
        DbContext context,
        IReadOnlyList<AuditRecord> records,
        AuditDbCalls calls,
        CancellationToken cancellationToken)
        => records.Count == 0 ? new([]) : AppendAsync(new AuditAppendSession(context, calls, cancellationToken), records);

    /// <summary>Appends with the session's SQL (tests pass one built from another column order).</summary>
    public static async ValueTask<IReadOnlyList<AuditEntry>> AppendAsync(AuditAppendSession session, IReadOnlyList<AuditRecord> records)
    {
        await session.ExecuteAsync(session.Sql.LockHead).ConfigureAwait(false);
        var (sequence, previous) = await ReadHeadAsync(session).ConfigureAwait(false);

        var entries = new AuditEntry[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            entries[i] = records[i].Seal(++sequence, previous, session.Tenant);
            previous = entries[i].Hash;
        }

        DataGuard.Diagnostics.DataGuardMetrics.Appended(entries.Length);
        await AuditEntryInserts.For(session.Sql, entries).InsertAsync(session, entries).ConfigureAwait(false);

        var updateHead = session.Command(session.Sql.UpdateHead);
        try
        {
            AuditAppendSession.Add(updateHead, "@seq", sequence, null);
            AuditAppendSession.Add(updateHead, "@hash", AuditEntryColumns.AsArray(previous), null);
            AuditAppendSession.Add(updateHead, AuditSql.Tenant, AuditTenant.Key(session.Tenant), System.Data.DbType.String);
            await session.ExecuteAsync(updateHead).ConfigureAwait(false);
        }
        finally
        {
            await session.Calls.DisposeAsync(updateHead).ConfigureAwait(false);
        }

        return entries;
    }

    private static async ValueTask<(long Sequence, ReadOnlyMemory<byte> Hash)> ReadHeadAsync(AuditAppendSession session)
    {
        if (await TryReadHeadAsync(session).ConfigureAwait(false) is { } head)
        {
            return head;
        }

        if (session.Tenant is null)
        {
            throw new InvalidOperationException(
                "The audit chain head row is missing: create the schema with EnsureCreated or the migration that adds DataGuard's tables.");
        }

        // The tenant's first entry: its chain starts at 0 from the genesis hash, like the platform's.
        var addHead = session.Command(session.Sql.AddHead);
        try
        {
            AuditAppendSession.Add(addHead, AuditSql.Tenant, session.Tenant, System.Data.DbType.String);
            AuditAppendSession.Add(addHead, "@hash", new byte[AuditChain.HashSize], null);
            await session.ExecuteAsync(addHead).ConfigureAwait(false);
        }
        finally
        {
            await session.Calls.DisposeAsync(addHead).ConfigureAwait(false);
        }

        return (0, AuditChain.GenesisHash);
    }

    private static async ValueTask<(long Sequence, ReadOnlyMemory<byte> Hash)?> TryReadHeadAsync(AuditAppendSession session)
    {
        var readHead = session.Command(session.Sql.ReadHead);
        try
        {
            AuditAppendSession.Add(readHead, AuditSql.Tenant, AuditTenant.Key(session.Tenant), System.Data.DbType.String);
            var reader = await session.Calls.ExecuteReaderAsync(readHead, session.CancellationToken).ConfigureAwait(false);
            try
            {
                if (!await session.Calls.ReadAsync(reader, session.CancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                return (reader.GetInt64(0), (byte[])reader.GetValue(1));
            }
            finally
            {
                await session.Calls.DisposeAsync(reader).ConfigureAwait(false);
            }
        }
        finally
        {
            await session.Calls.DisposeAsync(readHead).ConfigureAwait(false);
        }
    }
}
