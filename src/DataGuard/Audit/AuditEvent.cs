using DataGuard.Consent;
using DataGuard.Subjects;

namespace DataGuard.Audit;

/// <summary>
/// Something that happened to personal data, handed to <see cref="IAuditTrail"/>. The trail adds the time, actor and
/// correlation id. Never put a personal value here: property names, purposes, ids and counts only.
/// </summary>
public sealed class AuditEvent
{
    /// <summary>Creates an event.</summary>
    /// <param name="action">What happened; DataGuard's own actions are in <see cref="AuditActions"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="action"/> is null or empty.</exception>
    public AuditEvent(string action)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        Action = action;
    }

    /// <summary>What happened, for example <see cref="AuditActions.ConsentGranted"/>.</summary>
    public string Action { get; }

    /// <summary>The data subject concerned, if one is.</summary>
    public SubjectId? SubjectId { get; init; }

    /// <summary>The purpose of processing, if known.</summary>
    public string? Purpose { get; init; }

    /// <summary>The entity type concerned, if any.</summary>
    public string? EntityType { get; init; }

    /// <summary>The entity's key in text form, if any.</summary>
    public string? EntityKey { get; init; }

    /// <summary>The names (never the values) of the personal properties concerned.</summary>
    public IReadOnlyList<string>? Properties { get; init; }

    /// <summary>A short description without personal data, for example "key 7 retired" or "1200 rows purged".</summary>
    public string? Details { get; init; }
}
