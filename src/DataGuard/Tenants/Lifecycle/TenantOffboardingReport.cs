using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using DataGuard.Subjects;
using DataGuard.Subjects.Packages;

namespace DataGuard.Tenants.Lifecycle;

/// <summary>
/// What offboarding destroyed of one tenant: rows per entity, DataGuard's records per store, the key-encryption keys
/// shredded, and what was kept and why. It holds counts, names and key ids only, never a personal value. Its JSON form
/// (<see cref="ToJson"/>) signed with <see cref="Sign"/> is the evidence of the deletion: a detached CMS signature that
/// <see cref="Verify"/> checks offline, on any instance that has the signing certificate's public part.
/// </summary>
public sealed class TenantOffboardingReport
{
    /// <summary>The format identifier written into the JSON form.</summary>
    public const string FormatId = "dataguard-tenant-offboarding-report";

    /// <summary>The format version this DataGuard writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The largest JSON form <see cref="FromJson"/> and <see cref="Verify"/> read.</summary>
    public const int MaxSize = 1024 * 1024;

    /// <summary>The tenant.</summary>
    public required string Tenant { get; init; }

    /// <summary>When the tenant's contract ended.</summary>
    public required DateTimeOffset ContractEndedAt { get; init; }

    /// <summary>When the retention period after the contract end was over.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>When offboarding started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When offboarding completed.</summary>
    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>What happened to the tenant's rows: deleted, or left in place unreadable.</summary>
    public TenantRowDisposal Rows { get; init; }

    /// <summary>The tenant's rows per application entity, deleted or (with <see cref="TenantRowDisposal.LeaveUnreadable"/>)
    /// made unreadable.</summary>
    public IReadOnlyList<TenantOffboardingCount> Entities { get; init; } = [];

    /// <summary>The tenant's records deleted per DataGuard store table (consents, requests, reports, holds, audit chain,
    /// the tenant's wrapped keys).</summary>
    public IReadOnlyList<TenantOffboardingCount> StoreRecords { get; init; } = [];

    /// <summary>The ids of the key-encryption keys whose material was destroyed.</summary>
    public IReadOnlyList<int> ShreddedKeyEncryptionKeyIds { get; init; } = [];

    /// <summary>What was kept, and why.</summary>
    public IReadOnlyList<string> Kept { get; init; } = [];

    /// <summary>Whether the SQLite database file was compacted (<c>VACUUM</c>) after the deletion.</summary>
    public bool Vacuumed { get; init; }

    /// <summary>Whether DataGuard made sure that the database's own files keep no copy of the deleted rows (SQLite:
    /// <c>secure_delete</c> and an emptied write-ahead log); <see langword="false"/> on PostgreSQL, whose dead row versions
    /// stay until VACUUM (see docs/tenants.md).</summary>
    public bool Scrubbed { get; init; }

    /// <summary>The handover archive written before anything was destroyed (its file name, length and SHA-256), or
    /// <see langword="null"/> when none was written (<see cref="TenantOffboardingOptions.HandoverArchiveDirectory"/>).</summary>
    public ExportFile? HandoverArchive { get; init; }

    /// <summary>Rows over all entities.</summary>
    public long TotalRows => Entities.Sum(static e => e.Rows);

    /// <summary>The report as indented UTF-8 JSON; the same report always gives the same bytes.</summary>
    /// <returns>The JSON bytes.</returns>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", FormatId);
            json.WriteNumber("version", CurrentVersion);
            json.WriteString("tenant", Tenant);
            json.WriteString("contractEndedAt", Time(ContractEndedAt));
            json.WriteString("dueAt", Time(DueAt));
            json.WriteString("startedAt", Time(StartedAt));
            json.WriteString("completedAt", Time(CompletedAt));
            json.WriteString("rows", Rows.ToString());
            WriteCounts(json, "entities", Entities);
            WriteCounts(json, "storeRecords", StoreRecords);
            json.WriteStartArray("shreddedKeyEncryptionKeys");
            foreach (var id in ShreddedKeyEncryptionKeyIds)
            {
                json.WriteNumberValue(id);
            }

            json.WriteEndArray();
            json.WriteStartArray("kept");
            foreach (var kept in Kept)
            {
                json.WriteStringValue(kept);
            }

            json.WriteEndArray();
            json.WriteBoolean("vacuumed", Vacuumed);
            json.WriteBoolean("scrubbed", Scrubbed);
            WriteArchive(json, HandoverArchive);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a report written by <see cref="ToJson"/> (without checking a signature: use <see cref="Verify"/>
    /// for a report from elsewhere).</summary>
    /// <param name="json">The JSON bytes.</param>
    /// <returns>The report.</returns>
    /// <exception cref="DataGuardException">The bytes are not an offboarding report of a version this DataGuard reads,
    /// or are larger than <see cref="MaxSize"/>.</exception>
    public static TenantOffboardingReport FromJson(ReadOnlySpan<byte> json) => TenantOffboardingReportReader.Read(json);

    /// <summary>Signs <see cref="ToJson"/>: a detached CMS/PKCS#7 signature (SHA-256), as erasure reports and export
    /// manifests are signed.</summary>
    /// <param name="certificate">The signing certificate, with its private key.</param>
    /// <returns>The DER-encoded signature; keep it with the JSON bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="certificate"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The certificate has no private key.</exception>
    public byte[] Sign(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return DetachedSignature.Sign(ToJson(), certificate);
    }

    /// <summary>Verifies a signed report and reads it.</summary>
    /// <param name="json">The report's JSON bytes, as signed.</param>
    /// <param name="signature">The detached signature.</param>
    /// <param name="trust">The certificates the signature is accepted from (<see cref="ExportTrust.SignedBy"/>); the
    /// public part is enough.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trust"/> is null.</exception>
    /// <exception cref="DataGuardException">The trust names no certificate, the signature does not verify against it
    /// (changed bytes, another signer, not a signature), or the JSON is not a report.</exception>
    public static TenantOffboardingReport Verify(ReadOnlySpan<byte> json, ReadOnlySpan<byte> signature, ExportTrust trust)
    {
        ArgumentNullException.ThrowIfNull(trust);
        if (trust.Certificates.Count == 0)
        {
            // Without a named certificate anyone's self-signed certificate would "verify" a forged report.
            throw new DataGuardException("Verifying an offboarding report needs the certificate it must be signed with (ExportTrust.SignedBy).");
        }

        if (json.IsEmpty || json.Length > MaxSize)
        {
            throw new DataGuardException($"The offboarding report is empty or larger than {MaxSize} bytes.");
        }

        var (_, problem) = DetachedSignature.Verify(json.ToArray(), signature, trust, "the offboarding report");
        return problem is null ? FromJson(json) : throw new DataGuardException(problem);
    }

    internal static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static void WriteArchive(Utf8JsonWriter json, ExportFile? archive)
    {
        if (archive is null)
        {
            json.WriteNull("handoverArchive");
            return;
        }

        json.WriteStartObject("handoverArchive");
        json.WriteString("file", archive.Path);
        json.WriteNumber("length", archive.Length);
        json.WriteString("sha256", archive.Sha256);
        json.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, IReadOnlyList<TenantOffboardingCount> counts)
    {
        json.WriteStartArray(name);
        foreach (var count in counts)
        {
            json.WriteStartObject();
            json.WriteString("name", count.Name);
            json.WriteNumber("rows", count.Rows);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
