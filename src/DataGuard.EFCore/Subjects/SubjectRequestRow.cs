using DataGuard.Subjects;
using DataGuard.Subjects.Requests;

namespace DataGuard.EFCore.Subjects;

/// <summary>A row of DataGuard's request table: a <see cref="SubjectRequest"/> without its history, in database-friendly
/// types. Times are UTC <see cref="DateTime"/>s, which SQLite (unlike <see cref="DateTimeOffset"/>) compares and sorts in
/// SQL, as the overdue query needs.</summary>
internal sealed class SubjectRequestRow
{
    public Guid Id { get; set; }

    /// <summary>The tenant the request belongs to, or <see langword="null"/> for a request made outside any tenant. A
    /// concurrency token too, so an update never lands on another tenant's request.</summary>
    public string? TenantId { get; set; }

    public string SubjectId { get; set; } = "";

    public SubjectRequestKind Kind { get; set; }

    public SubjectRequestStatus Status { get; set; }

    public DateTime ReceivedAt { get; set; }

    public DateTime DueAt { get; set; }

    /// <summary>The number of history rows; the concurrency token of optimistic concurrency.</summary>
    public int Version { get; set; }

    public List<SubjectRequestChangeRow> Changes { get; set; } = [];

    public static SubjectRequestRow From(SubjectRequest request) => new()
    {
        Id = request.Id,
        SubjectId = request.SubjectId.Value,
        Kind = request.Kind,
        Status = request.Status,
        ReceivedAt = request.ReceivedAt.UtcDateTime,
        DueAt = request.DueAt.UtcDateTime,
        Version = request.Version,
    };

    public SubjectRequest ToRequest() => new()
    {
        Id = Id,
        SubjectId = new SubjectId(SubjectId),
        Kind = Kind,
        Status = Status,
        ReceivedAt = Utc(ReceivedAt),
        DueAt = Utc(DueAt),
        History = [.. Changes.OrderBy(static c => c.Sequence).Select(static c => c.ToChange())],
    };

    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
