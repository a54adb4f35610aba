using Microsoft.Extensions.Options;

namespace DataGuard.Audit;

/// <summary>Reports every problem in <see cref="AuditOptions"/> at once.</summary>
internal sealed class AuditOptionsValidator(TimeProvider time) : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var failures = new List<string>();
        if (options.ReadQueueCapacity is < 1 or > 1_000_000)
        {
            failures.Add($"Audit: ReadQueueCapacity is {options.ReadQueueCapacity}; use 1 to 1,000,000.");
        }

        if (options.ReadBatchSize is < 1 or > 10_000)
        {
            failures.Add($"Audit: ReadBatchSize is {options.ReadBatchSize}; use 1 to 10,000.");
        }

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
