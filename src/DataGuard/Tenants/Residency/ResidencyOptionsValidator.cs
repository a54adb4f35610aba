using Microsoft.Extensions.Options;

namespace DataGuard.Tenants.Residency;

/// <summary>Checks <see cref="DataGuardOptions.Residency"/> at start-up: regions spelled as regions, tenant ids valid,
/// every declared tenant in one of the declared regions, and no tenant regions without residency on.</summary>
internal sealed class ResidencyOptionsValidator : IValidateOptions<DataGuardOptions>
{
    public ValidateOptionsResult Validate(string? name, DataGuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var residency = options.Residency;
        var failures = new List<string>();
        foreach (var region in residency.Regions)
        {
            if (!ResidencyRules.IsValidRegion(region))
            {
                failures.Add($"{options.Setting("Residency.Regions")} holds '{region}', which is not a region name. {ResidencyRules.RegionRule}");
            }
        }

        if (!residency.Enabled && residency.Tenants.Count > 0)
        {
            failures.Add($"{options.Setting("Residency.Tenants")} gives {residency.Tenants.Count} tenant(s) a region, but " +
                $"{options.Setting("Residency.Regions")} declares none: list the regions the platform stores data in (for example \"eu\" and \"us\") " +
                "to turn residency on.");
            return ValidateOptionsResult.Fail(failures);
        }

        var known = string.Join(", ", residency.Regions.Select(static r => $"'{r}'"));
        foreach (var (tenant, region) in residency.Tenants)
        {
            if (!TenantIds.IsValid(tenant))
            {
                failures.Add($"{options.Setting("Residency.Tenants")} has a key that is not a tenant id. {TenantIds.Rule}");
            }
            else if (string.IsNullOrWhiteSpace(region))
            {
                failures.Add($"{options.Setting("Residency.Tenants")}: tenant '{tenant}' has no region; give it one of {known}, or remove it.");
            }
            else if (!residency.Regions.Contains(region))
            {
                failures.Add($"{options.Setting("Residency.Tenants")}: tenant '{tenant}' is in region '{region}', which is not one of " +
                    $"{options.Setting("Residency.Regions")} ({known}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
