using DataGuard.Subjects;

namespace DataGuard.AspNetCore.Requests;

/// <summary>The answer to a completed erasure: the request and the report of what was erased, kept and why.</summary>
internal sealed record ErasureResponse(SubjectRequestResponse Request, ErasureReport Report);
