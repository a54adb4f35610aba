using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>A device one tenant's person signed in from, in a shared database; 30 days after it was last seen its
/// person's key is shredded.</summary>
[Retain(Days = 30, From = nameof(LastSeenAt), Then = RetentionAction.Shred)]
public class TenantDevice
{
    public int Id { get; set; }
    [TenantId] public string? TenantId { get; set; }
    [DataSubject] public Guid PersonId { get; set; }
    [Personal(PersonalCategory.OnlineIdentifier)] public string Name { get; set; } = "";
    public DateTime LastSeenAt { get; set; }
}
