using DataGuard.Model;

namespace DataGuard.Benchmarks.Tenants;

/// <summary>A row of a table tenants share: the tenant column makes DataGuard's queries add the tenant predicate.</summary>
public class TenantBenchPatient
{
    public int Id { get; set; }
    [TenantId] public string? TenantId { get; set; }
    [Personal(PersonalCategory.Contact, Searchable = true)] public string Email { get; set; } = "";
    [Personal(PersonalCategory.Identity)] public string Name { get; set; } = "";
}
