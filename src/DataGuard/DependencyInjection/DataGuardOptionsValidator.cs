using DataGuard.Consent;
using DataGuard.Encryption;
using Microsoft.Extensions.Options;

namespace DataGuard.DependencyInjection;

/// <summary>
/// Reports every problem in <see cref="DataGuardOptions"/> at once, each saying what to change. Simple limits are data
/// annotations on the options, checked by <see cref="ValidateDataGuardOptions"/>; the checks here are the ones an
/// attribute cannot state: purposes and the record of processing (collections whose entries refer to each other),
/// rules between two settings, and lower bounds on time spans ([Range] needs an upper bound too).
/// </summary>
internal sealed class DataGuardOptionsValidator : IValidateOptions<DataGuardOptions>
{
    private static readonly ValidateDataGuardOptions Attributes = new();

    public ValidateOptionsResult Validate(string? name, DataGuardOptions options)
    {
        var failures = new List<string>();
        OptionsAttributeFailures.Add(failures, Attributes.Validate(ValidateDataGuardOptions.Root, options), ValidateDataGuardOptions.Root, options.Setting);
        ValidatePurposes(options, failures);
        RecordOfProcessingValidator.Validate(options, failures);
        ValidateEncryption(options, failures);
        ValidateOperations(options, failures);
        ValidateForwarding(options, failures);
        failures.AddRange(options.ConfigurationErrors);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidatePurposes(DataGuardOptions options, List<string> failures)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var purpose in options.Purposes)
        {
            if (string.IsNullOrWhiteSpace(purpose.Name))
            {
                failures.Add(options.PurposePaths.TryGetValue(purpose, out var blankPath)
                    ? $"{blankPath}: a purpose has a blank name."
                    : "Purposes: a purpose has a blank name.");
                continue;
            }

            if (!seen.Add(purpose.Name))
            {
                failures.Add($"{options.PurposeLabel(purpose)} is declared more than once; purpose names are unique (case-insensitive).");
            }

            if (purpose.Name.FirstOrDefault(static c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')) is var bad && bad != default)
            {
                failures.Add($"{options.PurposeLabel(purpose)} contains '{bad}'; use letters, digits, '.', '-' or '_' so the name fits in URLs, claims and " +
                    "audit entries.");
            }

            if (purpose.Name.Length > 100)
            {
                failures.Add($"{options.PurposeLabel(purpose)} has {purpose.Name.Length} characters; purpose names have at most 100 so that consent records " +
                    "can index them.");
            }

            if (!Enum.IsDefined(purpose.LawfulBasis))
            {
                failures.Add($"{options.PurposeLabel(purpose)} has LawfulBasis {(int)purpose.LawfulBasis}, which is not a LawfulBasis.");
            }

            if (purpose.RequiresConsent && string.IsNullOrWhiteSpace(purpose.NoticeVersion))
            {
                failures.Add($"{options.PurposeLabel(purpose)} is on a consent basis but has no notice version; pass notice: \"2026-11\" (or your own " +
                    "scheme) so every consent records which notice the subject saw.");
            }

            if (purpose.DefaultExpiry is { } expiry && expiry <= TimeSpan.Zero)
            {
                failures.Add($"{options.PurposeLabel(purpose)} has DefaultExpiry {expiry}; it must be positive, or null for consents that last until " +
                    "withdrawn.");
            }
        }
    }

    private static void ValidateEncryption(DataGuardOptions options, List<string> failures)
    {
        if (options.Encryption.SubjectKeyCacheSize < 1)
        {
            failures.Add($"{options.Setting("Encryption.SubjectKeyCacheSize")} is {options.Encryption.SubjectKeyCacheSize}; it must be at least 1 (the " +
                "default is 10,000).");
        }

        if (options.Encryption.TenantKeyCacheSize < 1)
        {
            failures.Add($"{options.Setting("Encryption.TenantKeyCacheSize")} is {options.Encryption.TenantKeyCacheSize}; it must be at least 1 (the " +
                "default is 1,000).");
        }
    }

    private static void ValidateOperations(DataGuardOptions options, List<string> failures)
    {
        var operations = options.Operations;
        if (operations.AuditVerificationMaxAge < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{options.Setting("Operations.AuditVerificationMaxAge")} is {operations.AuditVerificationMaxAge}; it must be at least one second " +
                "(the default is one hour).");
        }

        if (operations.RetentionRunMaxAge is { } maxAge && maxAge < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{options.Setting("Operations.RetentionRunMaxAge")} is {maxAge}; it must be at least one second, or unset for three retention " +
                "intervals.");
        }

        if (operations.RequestDueWarning < TimeSpan.Zero)
        {
            failures.Add($"{options.Setting("Operations.RequestDueWarning")} is {operations.RequestDueWarning}; it must be zero (no warning) or positive.");
        }
    }

    private static void ValidateForwarding(DataGuardOptions options, List<string> failures)
    {
        var forwarding = options.Operations.Forwarding;
        if (forwarding.PollInterval <= TimeSpan.Zero || forwarding.SendTimeout <= TimeSpan.Zero || forwarding.RetryBaseDelay <= TimeSpan.Zero)
        {
            failures.Add($"{options.Setting("Operations.Forwarding")}: PollInterval, SendTimeout and RetryBaseDelay must be positive.");
        }

        if (forwarding.RetryMaxDelay < forwarding.RetryBaseDelay)
        {
            failures.Add($"{options.Setting("Operations.Forwarding.RetryMaxDelay")} is {forwarding.RetryMaxDelay}; it must be at least RetryBaseDelay " +
                $"({forwarding.RetryBaseDelay}).");
        }

        if (forwarding.LeaseDuration < forwarding.SendTimeout * 2)
        {
            failures.Add($"{options.Setting("Operations.Forwarding.LeaseDuration")} is {forwarding.LeaseDuration}; it must be at least twice SendTimeout " +
                $"({forwarding.SendTimeout}), so that a send ends before another instance may take the destination over.");
        }
    }
}
