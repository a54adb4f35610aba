using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>Reached through <c>HasSubjectPath(r =&gt; r.Booking.ClientId)</c>; its foreign key restricts deleting the booking.</summary>
public class CareReminder
{
    public int Id { get; set; }
    public int BookingId { get; set; }
    public CareBooking? Booking { get; set; }
    [Personal(Encrypt = false)] public string Text { get; set; } = "";
    public bool Sent { get; set; }
}
