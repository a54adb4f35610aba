using System.Security.Cryptography.X509Certificates;

namespace DataGuard.Subjects;

/// <summary>What verifying an export package (or a signed erasure report) accepts: which signatures, and for an export
/// package also whose package and how old. An intact package that is another subject's, or an old copy, is otherwise a
/// valid package: state <see cref="ExpectedSubject"/> and <see cref="MaxAge"/> to refuse it.</summary>
public sealed class ExportTrust
{
    /// <summary>Checks the files against the manifest only; a signature, when present, must still verify, but no
    /// certificate is required. Detects damage, not a forger who rewrites the manifest.</summary>
    public static ExportTrust HashesOnly => new();

    /// <summary>Whether <c>manifest.p7s</c> must be present and signed by one of <see cref="Certificates"/>.</summary>
    public bool RequireSignature { get; init; }

    /// <summary>The certificates a signature is accepted from (public keys are enough). Chain trust is the caller's
    /// decision: DataGuard checks that one of these certificates made the signature.</summary>
    public X509Certificate2Collection Certificates { get; init; } = [];

    /// <summary>The subject the export package must belong to, or <see langword="null"/> to accept any subject. It is
    /// compared ordinally with the manifest's subject, which is in the model's one spelling (a Guid in lower case with
    /// hyphens, a number without leading zeros): pass the entity's value (<c>customer.Id</c>), or verify through
    /// <see cref="ISubjectRightsService.VerifyAsync"/>, which puts the id in the model's spelling first. A mismatch is
    /// reported by <see cref="ExportVerificationResult.IsOtherSubject"/>. Not used for erasure reports.</summary>
    public SubjectId? ExpectedSubject { get; init; }

    /// <summary>How old the export package may be (from its manifest's creation time), or <see langword="null"/> for any
    /// age. A package dated more than one minute after the current time is refused as well. A failure is reported by
    /// <see cref="ExportVerificationResult.IsStale"/>. Must be positive. Not used for erasure reports.</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>The clock <see cref="MaxAge"/> is measured with; <see langword="null"/> for <see cref="System.TimeProvider.System"/>
    /// (or, through <see cref="ISubjectRightsService.VerifyAsync"/>, the service's own <see cref="System.TimeProvider"/>).</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>A copy measuring age with <paramref name="time"/> when no clock is set.</summary>
    internal ExportTrust WithDefaultTime(TimeProvider time) => TimeProvider is not null ? this : new ExportTrust
    {
        RequireSignature = RequireSignature, Certificates = Certificates, ExpectedSubject = ExpectedSubject, MaxAge = MaxAge, TimeProvider = time,
    };

    /// <summary>A copy expecting <paramref name="subject"/>.</summary>
    internal ExportTrust WithExpectedSubject(SubjectId subject) => new()
    {
        RequireSignature = RequireSignature, Certificates = Certificates, ExpectedSubject = subject, MaxAge = MaxAge, TimeProvider = TimeProvider,
    };

    /// <summary>Requires a signature by the given certificate.</summary>
    /// <param name="certificate">The certificate the package must be signed with.</param>
    /// <returns>The trust.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="certificate"/> is null.</exception>
    public static ExportTrust SignedBy(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new ExportTrust { RequireSignature = true, Certificates = [certificate] };
    }
}
