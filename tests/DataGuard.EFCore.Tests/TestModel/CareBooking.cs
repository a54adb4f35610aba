using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>A booking with its own subject column, purged a year after it took place, soft-deletable; its client's
/// deletion cascades to it.</summary>
[Retain(Days = 365, From = nameof(At))]
public class CareBooking
{
    public int Id { get; set; }
    [DataSubject] public Guid ClientId { get; set; }
    public CareClient? Client { get; set; }
    [Personal(Encrypt = false)] public string? Note { get; set; }
    public DateTime At { get; set; }
    public bool IsDeleted { get; set; }
    public List<CareReminder> Reminders { get; set; } = [];
    public List<CareAttachment> Attachments { get; set; } = [];
}
