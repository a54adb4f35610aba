using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Subjects;

/// <summary>Reports every problem in <see cref="SubjectClaimOptions"/> at once.</summary>
internal sealed class SubjectClaimOptionsValidator : IValidateOptions<SubjectClaimOptions>
{
    public static void ThrowIfInvalid(SubjectClaimOptions options)
    {
        var result = new SubjectClaimOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SubjectClaimOptions), result.Failures);
        }
    }

    public ValidateOptionsResult Validate(string? name, SubjectClaimOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ClaimTypes.Count == 0)
        {
            failures.Add("SubjectClaimOptions.ClaimTypes is empty; name the claim that holds the data-subject id, for example ClaimTypes.NameIdentifier or " +
                "\"sub\".");
        }

        if (options.ClaimTypes.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("SubjectClaimOptions.ClaimTypes contains a blank claim type; remove it.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
