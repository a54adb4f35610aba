namespace DataGuard.Subjects;

/// <summary>
/// Applies a data subject's correction (GDPR Art. 16). The host implements it, because only the application knows how a
/// correction is checked (a new e-mail address confirmed, a name change evidenced) and applied to its entities; DataGuard
/// validates that the request names a personal field, calls the rectifier, and records an audit entry.
/// </summary>
public interface ISubjectRectifier
{
    /// <summary>Checks and applies the correction, or throws to refuse it (the message reaches the subject, so it must not
    /// hold anyone's personal data).</summary>
    /// <param name="subjectId">The data subject whose field is corrected.</param>
    /// <param name="request">The field and the corrected value.</param>
    /// <param name="cancellationToken">Cancels the correction.</param>
    /// <returns>A task that completes when the correction is applied.</returns>
    Task RectifyAsync(SubjectId subjectId, RectificationRequest request, CancellationToken cancellationToken = default);
}
