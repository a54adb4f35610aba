using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Requests;

/// <summary>Reports every problem in <see cref="DataSubjectEndpointOptions"/> at once.</summary>
internal sealed class DataSubjectEndpointOptionsValidator : IValidateOptions<DataSubjectEndpointOptions>
{
    public ValidateOptionsResult Validate(string? name, DataSubjectEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ExportPermitLimit <= 0)
        {
            failures.Add($"DataSubjectEndpointOptions.ExportPermitLimit is {options.ExportPermitLimit}; it must be at least 1 export per window (the default " +
                "is 3).");
        }

        if (options.ExportWindow < TimeSpan.FromSeconds(1))
        {
            failures.Add($"DataSubjectEndpointOptions.ExportWindow is {options.ExportWindow}; it must be at least one second (the default is one hour).");
        }

        CheckPermits(failures, nameof(options.ErasurePermitLimit), options.ErasurePermitLimit, 3);
        CheckPermits(failures, nameof(options.ChangePermitLimit), options.ChangePermitLimit, 10);
        CheckPermits(failures, nameof(options.ConsentPermitLimit), options.ConsentPermitLimit, 30);
        CheckPermits(failures, nameof(options.ReadPermitLimit), options.ReadPermitLimit, 300);
        if (options.RateLimitWindow < TimeSpan.FromSeconds(1))
        {
            failures.Add($"DataSubjectEndpointOptions.RateLimitWindow is {options.RateLimitWindow}; it must be at least one second (the default is one hour).");
        }

        if (options.MaxRequestBodySize < 1024)
        {
            failures.Add($"DataSubjectEndpointOptions.MaxRequestBodySize is {options.MaxRequestBodySize}; it must be at least 1024 bytes (the default is " +
                "65536).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPermits(List<string> failures, string name, int value, int defaultValue)
    {
        if (value <= 0)
        {
            failures.Add($"DataSubjectEndpointOptions.{name} is {value}; it must be at least 1 call per window (the default is {defaultValue}).");
        }
    }
}
