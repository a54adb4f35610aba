using DataGuard.Subjects;

namespace DataGuard.Audit;

/// <summary>A filter over the audit trail; every criterion that is set must match. Pages run in sequence order: pass
/// <see cref="AuditPage.NextAfterSequence"/> as <see cref="AfterSequence"/> to read the next page.</summary>
public sealed class AuditQuery
{
    /// <summary>The largest page size accepted.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Entries about this data subject.</summary>
    public SubjectId? SubjectId { get; init; }

    /// <summary>Entries by this actor.</summary>
    public string? Actor { get; init; }

    /// <summary>Entries with this action, for example <see cref="AuditActions.EntityUpdated"/>.</summary>
    public string? Action { get; init; }

    /// <summary>Entries about this entity type (its name in the personal-data model).</summary>
    public string? EntityType { get; init; }

    /// <summary>Entries about the entity with this key; usually combined with <see cref="EntityType"/>.</summary>
    public string? EntityKey { get; init; }

    /// <summary>Entries recorded at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Entries recorded before this time.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Only entries with a larger sequence number: the keyset cursor of paging (0 for the first page).</summary>
    public long AfterSequence { get; init; }

    /// <summary>The most entries per page, 1 to <see cref="MaxPageSize"/>; 100 unless set.</summary>
    public int PageSize { get; init; } = 100;
}
