using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>Every scalar type DataGuard encrypts, nullable and not.</summary>
public class Profile
{
    public int Id { get; set; }
    [DataSubject] public Guid CustomerId { get; set; }
    [Personal(PersonalCategory.Demographic)] public DateOnly BirthDate { get; set; }
    [Personal(PersonalCategory.Financial)] public decimal Salary { get; set; }
    [Personal] public int? Score { get; set; }
    [Personal] public long LoyaltyNumber { get; set; }
    [Personal] public bool Vip { get; set; }
    [Personal] public Guid? ExternalId { get; set; }
    [Personal] public DateTime LastSeen { get; set; }
    [Personal] public DateTimeOffset? ConsentedAt { get; set; }
    [Personal(PersonalCategory.Biometric)] public byte[]? Photo { get; set; }
}
