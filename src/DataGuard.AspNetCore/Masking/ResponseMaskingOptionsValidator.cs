using DataGuard.AspNetCore.Pages;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Masking;

/// <summary>Reports every problem in <see cref="ResponseMaskingOptions"/> at once.</summary>
internal sealed class ResponseMaskingOptionsValidator : IValidateOptions<ResponseMaskingOptions>
{
    public ValidateOptionsResult Validate(string? name, ResponseMaskingOptions options)
    {
        var failures = new List<string>();
        if (options.RevealPolicy is { } policy && string.IsNullOrWhiteSpace(policy))
        {
            failures.Add("ResponseMasking: RevealPolicy is blank; name an authorization policy, or leave it null so nobody sees everything in clear.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
