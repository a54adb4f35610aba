using System.Globalization;
using BenchmarkDotNet.Running;
using DataGuard.Benchmarks.Encryption;

if (args is ["forward", var forwardEntries])
{
    // Audit forwarding throughput: a chain of N entries forwarded to a destination that only counts.
    await DataGuard.Benchmarks.Forwarding.ForwardingThroughput.RunAsync(int.Parse(forwardEntries, CultureInfo.InvariantCulture));
    return;
}

if (args is ["reencrypt", var rows])
{
    // Throughput and memory of the re-encryption job: a single long run per size, not a BenchmarkDotNet benchmark.
    await ReencryptionThroughput.RunAsync(int.Parse(rows, CultureInfo.InvariantCulture));
    return;
}

if (args is ["retention", var due, .. var rest])
{
    // Purge throughput and memory of retention against a hand-written DELETE, in one process per size:
    // retention <rows> [batchSize|default] [repeats].
    int? batchSize = rest is [var batch, ..] && batch != "default" ? int.Parse(batch, CultureInfo.InvariantCulture) : null;
    var repeats = rest is [_, var times] ? int.Parse(times, CultureInfo.InvariantCulture) : 1;
    await DataGuard.Benchmarks.Retention.RetentionPurgeThroughput.RunAsync(int.Parse(due, CultureInfo.InvariantCulture), batchSize, repeats);
    return;
}

if (args is ["audit-interleaved", .. var auditRounds])
{
    // SaveChanges with auditing on against off, interleaved in one process (see benchmarks/README.md, Audit trail).
    DataGuard.Benchmarks.Audit.SaveChangesAuditInterleaved.Run(auditRounds is [var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 30);
    return;
}

if (args is ["read-interleaved", .. var readRounds])
{
    // Encrypted reads (ring key, subject keys) against plain reads, interleaved in one process (see benchmarks/README.md).
    EncryptedReadInterleaved.Run(readRounds is [var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 30);
    return;
}

if (args is ["read-breakdown", .. var breakdownRounds])
{
    // Where an encrypted no-tracking read's time goes beyond the plain read (benchmarks/README.md).
    EncryptedReadBreakdown.Run(breakdownRounds is [var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 20);
    return;
}

if (args is ["read-profile", var profiledRead, var profileSeconds])
{
    // One read repeated for a profiler to attach to (benchmarks/README.md, Fourth round).
    SubjectKeyReadProfile.Run(profiledRead, int.Parse(profileSeconds, CultureInfo.InvariantCulture));
    return;
}

if (args is ["subject-breakdown", .. var subjectRounds])
{
    // Where a subject-key no-tracking read's time goes beyond the plain read (benchmarks/README.md, Fourth round).
    SubjectKeyReadBreakdown.Run(subjectRounds is [var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 15);
    return;
}

if (args is ["codec-interleaved", .. var codecRounds])
{
    // The codec round trip on each engine against the raw BCL AesGcm, interleaved in one process (benchmarks/README.md).
    CodecInterleaved.Run(codecRounds is [var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 15);
    return;
}

if (args is ["purpose-interleaved", .. var purposeRounds])
{
    // Reads inside a purpose scope against the same reads outside one, interleaved in one process (benchmarks/README.md).
    DataGuard.Benchmarks.Purposes.PurposeScopeReadInterleaved.Run(purposeRounds is [var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 30);
    return;
}

if (args is ["tenants-interleaved", .. var tenantRounds])
{
    // Tenant keys against the platform ring, 1 vs 1,000 tenants cached, the tenant predicate (benchmarks/README.md, issue 14).
    DataGuard.Benchmarks.Tenants.TenantKeyInterleaved.Run(tenantRounds is [var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 30);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
