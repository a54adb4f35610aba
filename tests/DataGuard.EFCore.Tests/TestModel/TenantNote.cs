using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>A note about a person, its tenant column declared with <c>HasTenant</c> (a non-null string).</summary>
public class TenantNote
{
    public int Id { get; set; }
    public string Tenant { get; set; } = "";
    [DataSubject] public Guid PersonId { get; set; }
    [Personal(PersonalCategory.Identity)] public string Text { get; set; } = "";
}
