using System.Security.Cryptography.X509Certificates;
using DataGuard.Model;

namespace DataGuard.Subjects;

/// <summary>Settings of data-subject export and erasure, in <see cref="DataGuardOptions.SubjectRights"/>.</summary>
public sealed class SubjectRightsOptions
{
    /// <summary>Signs every export package's manifest (<c>manifest.p7s</c>) with this certificate; needs its private
    /// key. Erasure reports are signed with <see cref="ErasureReport.Sign"/>. Unsigned when null.</summary>
    public X509Certificate2? SigningCertificate { get; set; }

    /// <summary>
    /// After an erasure commits on SQLite, runs <c>VACUUM</c> and then <c>PRAGMA wal_checkpoint(TRUNCATE)</c>, so
    /// deleted values leave the database file and its write-ahead log instead of lingering in free pages. It rewrites
    /// the whole file (time and space proportional to the database) and briefly locks it. Off by default.
    /// </summary>
    public bool VacuumSqliteAfterErasure { get; set; }

    /// <summary>Whether exports include the subject's consent history (<c>consents.json</c>) when a consent store is
    /// registered. Defaults to <see langword="true"/>.</summary>
    public bool ExportConsents { get; set; } = true;

    /// <summary>Whether exports include the audit entries about the subject (<c>audit.json</c>) when auditing is on.
    /// Defaults to <see langword="true"/>.</summary>
    public bool ExportAuditTrail { get; set; } = true;
}
