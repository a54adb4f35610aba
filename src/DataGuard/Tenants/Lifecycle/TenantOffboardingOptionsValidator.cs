using Microsoft.Extensions.Options;

namespace DataGuard.Tenants.Lifecycle;

/// <summary>Validates <see cref="TenantOffboardingOptions"/> at start-up, every failure at once.</summary>
internal sealed class TenantOffboardingOptionsValidator : IValidateOptions<TenantOffboardingOptions>
{
    public ValidateOptionsResult Validate(string? name, TenantOffboardingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.RetentionAfterContractEnd < TimeSpan.Zero)
        {
            failures.Add("TenantOffboardingOptions.RetentionAfterContractEnd must not be negative.");
        }

        if (!Enum.IsDefined(options.Rows))
        {
            failures.Add("TenantOffboardingOptions.Rows must be Delete or LeaveUnreadable.");
        }

        if (options.SigningCertificate is { HasPrivateKey: false } certificate)
        {
            failures.Add($"TenantOffboardingOptions.SigningCertificate {certificate.Thumbprint} has no private key; offboarding reports are signed with it.");
        }

        if (options.HandoverArchiveDirectory is { } directory && (directory.Length == 0 || !Path.IsPathFullyQualified(directory)))
        {
            failures.Add("TenantOffboardingOptions.HandoverArchiveDirectory must be an absolute path (or null for no handover archive).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
