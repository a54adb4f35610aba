using DataGuard.Subjects.Requests;

namespace DataGuard.EFCore.Subjects;

/// <summary>A row of DataGuard's request history table: one <see cref="SubjectRequestChange"/>, numbered from 0 in the
/// order of the request's history. Rows are only ever added.</summary>
internal sealed class SubjectRequestChangeRow
{
    public Guid RequestId { get; set; }

    public int Sequence { get; set; }

    public SubjectRequestAction Action { get; set; }

    public DateTime At { get; set; }

    public string Actor { get; set; } = "";

    public string? Reason { get; set; }

    public static SubjectRequestChangeRow From(Guid requestId, int sequence, SubjectRequestChange change) => new()
    {
        RequestId = requestId,
        Sequence = sequence,
        Action = change.Action,
        At = change.At.UtcDateTime,
        Actor = change.Actor,
        Reason = change.Reason,
    };

    public SubjectRequestChange ToChange() => new()
    {
        Action = Action,
        At = SubjectRequestRow.Utc(At),
        Actor = Actor,
        Reason = Reason,
    };
}
