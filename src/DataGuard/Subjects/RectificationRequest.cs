namespace DataGuard.Subjects;

/// <summary>
/// A data subject's request to correct one personal field (GDPR Art. 16). The corrected value is personal data: DataGuard
/// hands it to the host's <see cref="ISubjectRectifier"/> and never logs or audits it (the audit entry names the entity
/// and property only).
/// </summary>
public sealed class RectificationRequest
{
    /// <summary>The entity, as the personal-data model names it (the CLR type's name, e.g. <c>Customer</c>).</summary>
    public required string Entity { get; init; }

    /// <summary>The personal property to correct.</summary>
    public required string Property { get; init; }

    /// <summary>The value the subject says is correct; <see langword="null"/> to ask for the value to be removed.</summary>
    public string? Value { get; init; }

    /// <summary>The subject's explanation, if any.</summary>
    public string? Note { get; init; }

    /// <summary>Names the field only, so the value never reaches a log through string formatting.</summary>
    /// <returns>"Rectification of Entity.Property".</returns>
    public override string ToString() => $"Rectification of {Entity}.{Property}";
}
