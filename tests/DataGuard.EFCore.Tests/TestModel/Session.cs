using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>Dated with a DateTimeOffset: PostgreSQL compares it in SQL; SQLite only through a conversion to UTC ticks.</summary>
[Retain(Days = 1, From = nameof(StartedAt))]
public class Session
{
    public long Id { get; set; }
    [DataSubject] public Guid MemberId { get; set; }
    [Personal(PersonalCategory.OnlineIdentifier)] public string? UserAgent { get; set; }
    public DateTimeOffset StartedAt { get; set; }
}
