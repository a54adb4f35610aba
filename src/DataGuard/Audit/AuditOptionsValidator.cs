using DataGuard.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.Audit;

/// <summary>Reports every problem in <see cref="AuditOptions"/> at once. The queue's limits are data annotations
/// (<see cref="ValidateAuditOptions"/>); hand-written here: the entries of a set and the certificate's expiry, which
/// depends on the clock.</summary>
internal sealed class AuditOptionsValidator(TimeProvider time) : IValidateOptions<AuditOptions>
{
    private static readonly ValidateAuditOptions Attributes = new();

    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var failures = new List<string>();
        OptionsAttributeFailures.Add(failures, Attributes.Validate("Audit", options), "Audit", static s => "Audit: " + s);
        if (options.AuditReadsOf.Contains(null!))
        {
            failures.Add("Audit: AuditReadsOf contains null; list entity types.");
        }

        if (options.CheckpointCertificate is { } certificate && certificate.NotAfter.ToUniversalTime() < time.GetUtcNow().UtcDateTime)
        {
            failures.Add($"Audit: CheckpointCertificate {certificate.Thumbprint} expired on {certificate.NotAfter:O}; configure a current certificate.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
