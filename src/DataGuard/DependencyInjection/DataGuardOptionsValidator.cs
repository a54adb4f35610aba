using Microsoft.Extensions.Options;

namespace DataGuard.DependencyInjection;

/// <summary>Reports every problem in <see cref="DataGuardOptions"/> at once, each saying what to change.</summary>
internal sealed class DataGuardOptionsValidator : IValidateOptions<DataGuardOptions>
{
    public ValidateOptionsResult Validate(string? name, DataGuardOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var purpose in options.Purposes)
        {
            if (string.IsNullOrWhiteSpace(purpose.Name))
            {
                failures.Add("Purposes: a purpose has a blank name.");
                continue;
            }

            if (!seen.Add(purpose.Name))
            {
                failures.Add($"Purposes: '{purpose.Name}' is declared more than once; purpose names are unique (case-insensitive).");
            }

            if (purpose.Name.FirstOrDefault(static c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')) is var bad && bad != default)
            {
                failures.Add($"Purposes: '{purpose.Name}' contains '{bad}'; use letters, digits, '.', '-' or '_' so the name fits in URLs, claims and audit entries.");
            }

            if (purpose.Name.Length > 100)
            {
                failures.Add($"Purposes: '{purpose.Name}' has {purpose.Name.Length} characters; purpose names have at most 100 so that consent records can index them.");
            }

            if (!Enum.IsDefined(purpose.LawfulBasis))
            {
                failures.Add($"Purposes: '{purpose.Name}' has LawfulBasis {(int)purpose.LawfulBasis}, which is not a LawfulBasis.");
            }

            if (purpose.RequiresConsent && string.IsNullOrWhiteSpace(purpose.NoticeVersion))
            {
                failures.Add($"Purposes: '{purpose.Name}' is on a consent basis but has no notice version; pass notice: \"2026-11\" (or your own scheme) so every consent records which notice the subject saw.");
            }

            if (purpose.DefaultExpiry is { } expiry && expiry <= TimeSpan.Zero)
            {
                failures.Add($"Purposes: '{purpose.Name}' has DefaultExpiry {expiry}; it must be positive, or null for consents that last until withdrawn.");
            }
        }

        RecordOfProcessingValidator.Validate(options, failures);

        if (options.Encryption.SubjectKeyCacheSize < 1)
        {
            failures.Add($"Encryption.SubjectKeyCacheSize is {options.Encryption.SubjectKeyCacheSize}; it must be at least 1 (the default is 10,000).");
        }

        if (options.Encryption.NonceBudget is < 1 or > EncryptionOptions.MaxNonceBudget)
        {
            failures.Add($"Encryption.NonceBudget is {options.Encryption.NonceBudget}; it must be between 1 and 2^32 (NIST SP 800-38D's bound for random 96-bit nonces; the default is 2^30).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
