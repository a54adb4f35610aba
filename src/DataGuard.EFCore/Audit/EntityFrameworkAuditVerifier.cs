using DataGuard.Audit;
using DataGuard.EFCore.Stores;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Audit;

/// <summary>
/// Verifies the stored chain in one streaming pass: from the start, or from the signed checkpoint older entries were
/// pruned up to (only when a checkpoint certificate is configured and the signature verifies: an unverifiable row
/// anchors nothing). Every stored checkpoint is checked against the chain: one beyond the head reports a truncated
/// tail, one whose hash differs from the entry at its sequence a rewrite from there on (which also catches a tail
/// rewritten consistently after the checkpoint); the chain must end at the head row. It verifies the current tenant's
/// chain (<see cref="AuditTenant.Current"/>), or the platform's outside any tenant, and reads no other chain's rows.
/// </summary>
internal sealed class EntityFrameworkAuditVerifier(IServiceScopeFactory scopes, DataGuardStoreRegistration store, IOptions<AuditOptions> options)
    : IAuditVerifier
{
    public async Task<AuditVerificationReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = AuditStoreScope.Create(scopes, store);
        var db = scope.Context;
        var tenant = AuditTenant.Current(db);

        // A tenant without a head row has no chain yet: its first append adds the row (an empty chain verifies).
        var head = await db.Set<AuditHeadRecord>().AsNoTracking().SingleOrDefaultAsync(h => h.TenantId == tenant, cancellationToken).ConfigureAwait(false)
            ?? (tenant.Length == 0
                ? throw new InvalidOperationException("The audit chain head row is missing.")
                : new AuditHeadRecord { TenantId = tenant, Hash = AuditChain.GenesisHash.ToArray() });
        var checkpoints = await db.Set<AuditCheckpointRecord>().AsNoTracking().Where(c => c.TenantId == tenant)
            .OrderBy(c => c.Sequence).ToListAsync(cancellationToken).ConfigureAwait(false);
        var first = await db.Set<AuditEntryRecord>().AsNoTracking().Where(e => e.TenantId == tenant).OrderBy(e => e.Sequence)
            .Select(e => (long?)e.Sequence).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);

        var certificate = options.Value.CheckpointCertificate;
        var bySequence = new Dictionary<long, AuditCheckpointRecord>();
        if (CheckCheckpoints(head, checkpoints, certificate, bySequence) is { } failure)
        {
            return failure;
        }

        // Start after the latest checkpoint below the first stored entry: pruned entries are vouched for by it. Only a
        // checkpoint whose signature verified can vouch: without a certificate anyone could plant the row, so the
        // chain is then verified from its start (and pruned entries are reported missing).
        var firstSequence = first ?? head.Sequence + 1;
        var anchor = certificate is null ? null : checkpoints.LastOrDefault(c => c.Sequence < firstSequence && c.Sequence > 0);
        var verifier = anchor is null ? new AuditChainVerifier() : new AuditChainVerifier(anchor.Sequence, anchor.Hash);
        var from = anchor?.Sequence ?? 0;
        var rows = db.Set<AuditEntryRecord>().AsNoTracking().Where(e => e.TenantId == tenant && e.Sequence > from).OrderBy(e => e.Sequence).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (!Check(verifier, row, bySequence))
            {
                return verifier.Failure!;
            }
        }

        return verifier.Complete(head.Sequence, head.Hash);
    }

    /// <summary>Holds every checkpoint against the chain and indexes them by sequence; the failure, if any. One beyond the
    /// head means entries after the head were deleted and the head moved back; a signature that does not verify is a
    /// forged or damaged row.</summary>
    private static AuditVerificationReport? CheckCheckpoints(
        AuditHeadRecord head,
        List<AuditCheckpointRecord> checkpoints,
        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate,
        Dictionary<long, AuditCheckpointRecord> bySequence)
    {
        foreach (var checkpoint in checkpoints)
        {
            if (checkpoint.Sequence > head.Sequence)
            {
                var truncated = new AuditChainVerifier();
                truncated.Fail(head.Sequence + 1, $"a checkpoint signs entry {checkpoint.Sequence}, beyond the chain head at {head.Sequence}: the chain was " +
                    $"truncated after entry {head.Sequence}.");
                return truncated.Failure!;
            }

            if (certificate is not null && CheckSignature(checkpoint, certificate) is { } problem)
            {
                var forged = new AuditChainVerifier();
                forged.Fail(checkpoint.Sequence, problem);
                return forged.Failure!;
            }

            bySequence[checkpoint.Sequence] = checkpoint;
        }

        return null;
    }

    /// <summary>Adds a stored row to the verifier; false when the chain fails there (<see cref="AuditChainVerifier.Failure"/>).</summary>
    private static bool Check(AuditChainVerifier verifier, AuditEntryRecord row, Dictionary<long, AuditCheckpointRecord> bySequence)
    {
        AuditEntry entry;
        try
        {
            entry = AuditRecordMapper.ToEntry(row);
        }
        catch (DataGuardAuditException ex)
        {
            verifier.Fail(row.Sequence, ex.Message);
            return false;
        }

        var hashMatches = AuditChain.HashMatches(entry);
        if (!hashMatches && AuditRecordMapper.EarlierReadings(row).FirstOrDefault(AuditChain.HashMatches) is { } earlier)
        {
            // A row written before the stored list form existed may mean another list of names (AuditRecordMapper).
            (entry, hashMatches) = (earlier, true);
        }

        if (!verifier.Add(entry, hashMatches))
        {
            return false;
        }

        // The key is outside the hash; a wrong one would hide the entry from its subject's queries and export.
        if (row.SubjectKey is { } key && key != AuditSubjectKey.Of(row.SubjectId))
        {
            verifier.Fail(row.Sequence, $"entry {row.Sequence} has a subject index key that does not match its subject: it would be missing from that " +
                "subject's audit.");
            return false;
        }

        if (bySequence.TryGetValue(row.Sequence, out var signed) && !AuditChain.HashEquals(signed.Hash, row.Hash))
        {
            verifier.Fail(row.Sequence, $"entry {row.Sequence} differs from the signed checkpoint at that sequence: the chain was rewritten from there on.");
            return false;
        }

        return true;
    }

    private static string? CheckSignature(AuditCheckpointRecord checkpoint, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        try
        {
            var verified = AuditCheckpoint.Verify(checkpoint.SignedData, certificate);
            return verified.Sequence == checkpoint.Sequence && AuditChain.HashEquals(verified.Hash.Span, checkpoint.Hash)
                ? null
                : $"the stored checkpoint at {checkpoint.Sequence} does not match what its signature covers.";
        }
        catch (DataGuardAuditException ex)
        {
            return $"the checkpoint at {checkpoint.Sequence} does not verify: {ex.Message}";
        }
    }
}
