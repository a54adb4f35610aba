using Microsoft.Extensions.Options;

namespace DataGuard.Subjects.Requests;

/// <summary>Reports every problem in <see cref="DataGuardOptions.Requests"/> at once, beside the other validators of
/// <see cref="DataGuardOptions"/>.</summary>
internal sealed class SubjectRequestOptionsValidator : IValidateOptions<DataGuardOptions>
{
    public ValidateOptionsResult Validate(string? name, DataGuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var requests = options.Requests;
        var failures = new List<string>();
        if (requests.ResponseTime <= TimeSpan.Zero || requests.ResponseTime > SubjectRequestOptions.MaxPeriod)
        {
            failures.Add($"{options.Setting("Requests.ResponseTime")} is {requests.ResponseTime}; it must be more than zero and at " +
                $"most {SubjectRequestOptions.MaxPeriod.TotalDays:N0} days (GDPR: one month, the default is 30 days).");
        }

        if (requests.MaxExtension < TimeSpan.Zero || requests.MaxExtension > SubjectRequestOptions.MaxPeriod)
        {
            failures.Add($"{options.Setting("Requests.MaxExtension")} is {requests.MaxExtension}; it must be between zero (no extensions) " +
                $"and {SubjectRequestOptions.MaxPeriod.TotalDays:N0} days (GDPR: two further months, the default is 60 days).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
