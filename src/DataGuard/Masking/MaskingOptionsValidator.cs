using DataGuard.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.Masking;

/// <summary>Reports every problem in <see cref="MaskingOptions"/> at once. Never echoes the key. The simple limits are
/// data annotations (<see cref="ValidateMaskingOptions"/>); hand-written here: the key and its id (set together, a
/// format, a decoded length) and the custom maskers.</summary>
internal sealed class MaskingOptionsValidator : IValidateOptions<MaskingOptions>
{
    private static readonly ValidateMaskingOptions Attributes = new();

    public ValidateOptionsResult Validate(string? name, MaskingOptions options)
    {
        var failures = new List<string>();
        OptionsAttributeFailures.Add(failures, Attributes.Validate("Masking", options), "Masking", static s => "Masking: " + s);
        var hasId = options.PseudonymKeyId is not null;
        var hasKey = options.PseudonymKey is not null;
        if (hasId != hasKey)
        {
            failures.Add("Masking: set PseudonymKeyId and PseudonymKey together, or neither (to use DataGuard's key ring).");
        }

        if (hasId && !Masking.PseudonymKey.IsValidKeyId(options.PseudonymKeyId))
        {
            failures.Add($"Masking: PseudonymKeyId must have 1 to {Masking.PseudonymKey.MaxKeyIdLength} letters, digits, '-', '_' or '.'.");
        }

        if (hasKey && DecodeKeyLength(options.PseudonymKey!) < Masking.PseudonymKey.MinKeyBytes)
        {
            failures.Add($"Masking: PseudonymKey must be base64 of at least {Masking.PseudonymKey.MinKeyBytes} random bytes (44 base64 characters).");
        }

        foreach (var (maskerName, masker) in options.Maskers)
        {
            if (string.IsNullOrWhiteSpace(maskerName))
            {
                failures.Add("Masking: a custom masker has a blank name.");
            }
            else if (masker is null)
            {
                failures.Add($"Masking: the custom masker '{maskerName}' is null.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static int DecodeKeyLength(string base64)
    {
        Span<byte> buffer = stackalloc byte[256];
        return base64.Length <= 340 && Convert.TryFromBase64String(base64, buffer, out var written) ? written : -1;
    }
}
