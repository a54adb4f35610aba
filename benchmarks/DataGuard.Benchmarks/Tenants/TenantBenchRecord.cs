using DataGuard.Model;

namespace DataGuard.Benchmarks.Tenants;

/// <summary>The same row without a tenant column: rows are read with the keys of whatever tenant scope is open (the
/// platform's outside one), and queries get no tenant predicate.</summary>
public class TenantBenchRecord
{
    public int Id { get; set; }
    public string Owner { get; set; } = "";
    [Personal(PersonalCategory.Contact, Searchable = true)] public string Email { get; set; } = "";
    [Personal(PersonalCategory.Identity)] public string Name { get; set; } = "";
}
