using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Tenants;

/// <summary>Checks <see cref="TenantResolutionOptions"/> at start-up: at least one source, none twice.</summary>
internal sealed class TenantResolutionOptionsValidator : IValidateOptions<TenantResolutionOptions>
{
    public ValidateOptionsResult Validate(string? name, TenantResolutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Sources.Count == 0)
        {
            failures.Add("TenantResolutionOptions: choose at least one source of the tenant (FromClaim, FromHost, FromRouteValue or FromHeader).");
        }

        foreach (var twice in options.Sources.GroupBy(static s => s).Where(static g => g.Count() > 1))
        {
            failures.Add($"TenantResolutionOptions: the {twice.Key} is configured {twice.Count()} times.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
