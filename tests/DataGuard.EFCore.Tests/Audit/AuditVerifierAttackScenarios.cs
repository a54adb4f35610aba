using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DataGuard.EFCore.Audit;
using Microsoft.EntityFrameworkCore;
using static DataGuard.EFCore.Tests.Audit.AuditScenarios;

namespace DataGuard.EFCore.Tests.Audit;

/// <summary>Attacks on the stored chain that a verifier must report (issue "hardening"); SQLite and PostgreSQL run them.</summary>
internal static class AuditVerifierAttackScenarios
{
    public static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new CertificateRequest("CN=DataGuard audit checkpoints (attack test)", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    public static async Task SaveCustomersAsync(AuditTestHost host, int count)
    {
        await using var db = host.NewContext();
        for (var i = 0; i < count; i++)
        {
            db.Add(NewCustomer());
            await db.SaveChangesAsync();
        }
    }

    /// <summary>The tail is deleted and the head moved back to the last entry kept: only the signed checkpoint beyond
    /// the new head still knows the chain was longer.</summary>
    public static async Task A_tail_truncated_below_a_signed_checkpoint_is_reported(AuditTestHost host)
    {
        await SaveCustomersAsync(host, 4);
        var checkpoint = await host.Store.CreateCheckpointAsync();
        var keep = checkpoint.Sequence - 2;
        await using (var db = host.NewContext())
        {
            await db.Set<AuditEntryRecord>().Where(e => e.Sequence > keep).ExecuteDeleteAsync();
            var kept = await db.Set<AuditEntryRecord>().SingleAsync(e => e.Sequence == keep);
            var head = await db.Set<AuditHeadRecord>().SingleAsync();
            head.Sequence = kept.Sequence;
            head.Hash = kept.Hash;
            await db.SaveChangesAsync();
        }

        var report = await host.Verifier.VerifyAsync();
        Assert.False(report.IsIntact);
        Assert.Equal(keep + 1, report.FirstBrokenSequence);
        Assert.Contains("checkpoint", report.Problem, StringComparison.Ordinal);
    }

    /// <summary>Without a checkpoint certificate, a row with a garbage signature that names entry n's hash is planted,
    /// and entries 1..n are deleted: an unverifiable checkpoint must not vouch for them.</summary>
    public static async Task A_forged_unsigned_checkpoint_does_not_anchor_a_chain_whose_first_entries_were_deleted(AuditTestHost host)
    {
        var before = (await host.HeadAsync()).Sequence;
        await SaveCustomersAsync(host, 4);
        var cut = before + 2;
        await using (var db = host.NewContext())
        {
            var entry = await db.Set<AuditEntryRecord>().AsNoTracking().SingleAsync(e => e.Sequence == cut);
            db.Add(new AuditCheckpointRecord { Sequence = cut, CreatedAt = DateTime.UtcNow, Hash = entry.Hash, SignedData = [0x30, 0x03, 0x02, 0x01, 0x00] });
            await db.SaveChangesAsync();
            await db.Set<AuditEntryRecord>().Where(e => e.Sequence <= cut).ExecuteDeleteAsync();
        }

        var report = await host.Verifier.VerifyAsync();
        Assert.False(report.IsIntact);
        Assert.Equal(1, report.FirstBrokenSequence);
        Assert.Equal(0, report.VerifiedFrom);
    }

    /// <summary>A checkpoint row whose hash differs from the entry at its sequence is tampering, even when it cannot
    /// be verified.</summary>
    public static async Task A_stored_checkpoint_that_differs_from_its_entry_is_reported(AuditTestHost host)
    {
        var before = (await host.HeadAsync()).Sequence;
        await SaveCustomersAsync(host, 3);
        await using (var db = host.NewContext())
        {
            db.Add(new AuditCheckpointRecord { Sequence = before + 2, CreatedAt = DateTime.UtcNow, Hash = new byte[32], SignedData = [0x30, 0x00] });
            await db.SaveChangesAsync();
        }

        var report = await host.Verifier.VerifyAsync();
        Assert.Equal(before + 2, report.FirstBrokenSequence);
        Assert.Contains("checkpoint", report.Problem, StringComparison.Ordinal);
    }
}
