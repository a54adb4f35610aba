using DataGuard.AspNetCore.Pages;
using DataGuard.Subjects;

namespace DataGuard.AspNetCore.Masking;

/// <summary>What the current caller may see, decided once per request by <see cref="ResponseMaskingMiddleware"/>.</summary>
internal sealed class ResponseMaskingFeature(bool revealAll, string? subjectId)
{
    public bool RevealAll { get; } = revealAll;

    /// <summary>The caller's subject id when subjects see their own records, else null.</summary>
    public string? SubjectId { get; } = subjectId;
}
