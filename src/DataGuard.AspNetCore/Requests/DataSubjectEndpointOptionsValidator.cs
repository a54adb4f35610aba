using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore;

/// <summary>Reports every problem in <see cref="DataSubjectEndpointOptions"/> at once.</summary>
internal sealed class DataSubjectEndpointOptionsValidator : IValidateOptions<DataSubjectEndpointOptions>
{
    public ValidateOptionsResult Validate(string? name, DataSubjectEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ExportPermitLimit <= 0)
        {
            failures.Add($"DataSubjectEndpointOptions.ExportPermitLimit is {options.ExportPermitLimit}; it must be at least 1 export per window (the default is 3).");
        }

        if (options.ExportWindow < TimeSpan.FromSeconds(1))
        {
            failures.Add($"DataSubjectEndpointOptions.ExportWindow is {options.ExportWindow}; it must be at least one second (the default is one hour).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
