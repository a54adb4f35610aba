namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>No personal data and no subject: the cascade from its booking deletes it without DataGuard working it.</summary>
public class CareAttachment
{
    public int Id { get; set; }
    public int BookingId { get; set; }
    public CareBooking? Booking { get; set; }
    public int Pages { get; set; }
}
