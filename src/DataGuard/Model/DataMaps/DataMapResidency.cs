namespace DataGuard.Model.DataMaps;

/// <summary>Where the data is stored: the regions, and each tenant's region (<c>DataGuardOptions.Residency</c>).</summary>
/// <param name="Regions">The regions the platform stores data in.</param>
/// <param name="Tenants">The tenants with their regions, ordered by tenant id.</param>
public sealed record DataMapResidency(IReadOnlyList<string> Regions, IReadOnlyList<DataMapTenant> Tenants);
