using DataGuard.Model;

namespace DataGuard.Sample.Tenants;

/// <summary>A newsletter subscriber of one tenant (a customer organisation of the platform). The tenant column tells whose
/// row it is; the same person may subscribe with two tenants and is then two data subjects.</summary>
public class Subscriber
{
    public int Id { get; set; }
    [TenantId] public string? TenantId { get; set; }
    [DataSubject] public Guid PersonId { get; set; }
    [Personal(PersonalCategory.Contact, Searchable = true)] public string Email { get; set; } = "";
    [Personal(PersonalCategory.Identity)] public string Name { get; set; } = "";
}
