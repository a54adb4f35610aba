using DataGuard.Consent;

namespace DataGuard.AspNetCore.Audit;

/// <summary>The audit purpose an endpoint names with <c>WithAuditPurpose</c>; <see cref="DataGuardAuditMiddleware"/>
/// puts it into the request's audit context.</summary>
internal sealed record AuditPurposeMetadata(string Purpose);
