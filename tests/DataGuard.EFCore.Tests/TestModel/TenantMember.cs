using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>A member of one tenant's loyalty scheme in a shared database, anonymised 30 days after joining; the country
/// is not personal and stays for statistics.</summary>
[Retain(Days = 30, From = nameof(JoinedAt), Then = RetentionAction.Anonymize)]
public class TenantMember
{
    public int Id { get; set; }
    [TenantId] public string? TenantId { get; set; }
    [DataSubject] public Guid PersonId { get; set; }
    [Personal(PersonalCategory.Contact)] public string Email { get; set; } = "";
    public string Country { get; set; } = "";
    public DateTime JoinedAt { get; set; }
}
