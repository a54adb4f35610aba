namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>No personal data and no subject, kept for the books: its foreign key restricts deleting its booking.</summary>
public class CareInvoice
{
    public int Id { get; set; }
    public int BookingId { get; set; }
    public CareBooking? Booking { get; set; }
    public decimal Amount { get; set; }
}
