using System.Text;
using Microsoft.Extensions.Options;

namespace DataGuard.Pkcs11;

/// <summary>Checks <see cref="Pkcs11KeyWrapperOptions"/> and reports every problem at once, naming the setting and never
/// the PIN. The session pool's limits are a data annotation (<see cref="ValidatePkcs11KeyWrapperOptions"/>); hand-written
/// here: a file that must exist, one of two settings, labels measured in UTF-8 bytes and listed once, and required
/// settings whose message says where to find them.</summary>
internal sealed class Pkcs11KeyWrapperOptionsValidator : IValidateOptions<Pkcs11KeyWrapperOptions>
{
    /// <summary>A wrapped key stores its key label's length in one byte.</summary>
    internal const int MaxLabelBytes = 255;

    private const string Prefix = nameof(Pkcs11KeyWrapperOptions) + ".";

    private static readonly ValidatePkcs11KeyWrapperOptions Attributes = new();

    public ValidateOptionsResult Validate(string? name, Pkcs11KeyWrapperOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.LibraryPath))
        {
            failures.Add($"{Prefix}{nameof(options.LibraryPath)} is required: the path of the HSM's PKCS#11 library (for SoftHSM2, " +
                "/usr/lib/softhsm/libsofthsm2.so).");
        }
        else if (!File.Exists(options.LibraryPath))
        {
            failures.Add($"{Prefix}{nameof(options.LibraryPath)}: there is no PKCS#11 library at '{options.LibraryPath}'.");
        }

        if (string.IsNullOrEmpty(options.TokenLabel) == (options.SlotId is null))
        {
            failures.Add($"{Prefix}{nameof(options.TokenLabel)} or {nameof(options.SlotId)}: set exactly one of them to choose the token.");
        }

        if (string.IsNullOrEmpty(options.Pin))
        {
            failures.Add($"{Prefix}{nameof(options.Pin)} is required: the token's user PIN, from configuration or a secret store.");
        }

        CheckLabel(options.KeyLabel, nameof(options.KeyLabel), failures);
        var seen = new HashSet<string>(StringComparer.Ordinal) { options.KeyLabel ?? "" };
        for (var i = 0; i < options.PreviousKeyLabels.Count; i++)
        {
            var label = options.PreviousKeyLabels[i];
            CheckLabel(label, $"{nameof(options.PreviousKeyLabels)}[{i}]", failures);
            if (!string.IsNullOrEmpty(label) && !seen.Add(label))
            {
                failures.Add($"{Prefix}{nameof(options.PreviousKeyLabels)}[{i}]: key label '{label}' is listed twice (or is also the " +
                    $"current {nameof(options.KeyLabel)}).");
            }
        }

        if (Attributes.Validate(nameof(Pkcs11KeyWrapperOptions), options) is { Failed: true, Failures: { } generated })
        {
            failures.AddRange(generated);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckLabel(string? label, string setting, List<string> failures)
    {
        if (string.IsNullOrEmpty(label))
        {
            failures.Add($"{Prefix}{setting} is required: the CKA_LABEL of an AES key on the token.");
        }
        else if (Encoding.UTF8.GetByteCount(label) > MaxLabelBytes)
        {
            failures.Add($"{Prefix}{setting} is longer than {MaxLabelBytes} UTF-8 bytes.");
        }
    }
}
