namespace DataGuard.Model.DataMaps;

/// <summary>A tenant (a customer organisation, the controller of its own data subjects) and the region its data is stored in.</summary>
/// <param name="Id">The tenant id.</param>
/// <param name="Region">The tenant's region.</param>
public sealed record DataMapTenant(string Id, string Region);
