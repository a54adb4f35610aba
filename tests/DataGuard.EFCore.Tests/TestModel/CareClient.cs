using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>The proofs tests' subject entity, hidden by a named soft-delete filter once deleted.</summary>
public class CareClient
{
    [DataSubject] public Guid Id { get; set; }
    [Personal(PersonalCategory.Identity)] public string Name { get; set; } = "";
    [Personal(PersonalCategory.Contact, Encrypt = false)] public string Phone { get; set; } = "";
    public DateTime RegisteredAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public bool IsDeleted { get; set; }
    public List<CareBooking> Bookings { get; set; } = [];
}
