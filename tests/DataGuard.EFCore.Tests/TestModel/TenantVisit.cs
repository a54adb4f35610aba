using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>A page visit of one tenant in a shared database, deleted 30 days after the visit.</summary>
[Retain(Days = 30, From = nameof(VisitedAt))]
public class TenantVisit
{
    public int Id { get; set; }
    [TenantId] public string? TenantId { get; set; }
    [DataSubject] public Guid PersonId { get; set; }
    [Personal(PersonalCategory.OnlineIdentifier)] public string Page { get; set; } = "";
    public DateTime VisitedAt { get; set; }
}
