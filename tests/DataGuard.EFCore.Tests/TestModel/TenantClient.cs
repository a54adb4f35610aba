using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>A client of one tenant in a database tenants share: the tenant column by attribute, the same person id
/// possible in several tenants, a searchable encrypted e-mail and a retention period.</summary>
[Retain(Days = 30, From = nameof(CreatedAt))]
public class TenantClient
{
    public int Id { get; set; }
    [TenantId] public string? TenantId { get; set; }
    [DataSubject] public Guid PersonId { get; set; }
    [Personal(PersonalCategory.Contact, Searchable = true)] public string Email { get; set; } = "";
    [Personal(PersonalCategory.Identity)] public string Name { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public bool IsDeleted { get; set; }
}
