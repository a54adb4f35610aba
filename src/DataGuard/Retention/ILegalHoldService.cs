using DataGuard.Subjects;

namespace DataGuard.Retention;

/// <summary>Places and releases legal holds. Rows under an active hold are never purged by retention; the retention
/// report counts them as held. Holds are kept after release, so the history of who held what and why remains.</summary>
public interface ILegalHoldService
{
    /// <summary>Holds every row of a data subject.</summary>
    /// <param name="subject">The data subject.</param>
    /// <param name="reason">Why, for example a case reference; no personal data.</param>
    /// <param name="actor">Who places the hold.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The hold.</returns>
    /// <exception cref="ArgumentException"><paramref name="subject"/> is default, or <paramref name="reason"/> or
    /// <paramref name="actor"/> is null or empty.</exception>
    Task<LegalHold> PlaceOnSubjectAsync(SubjectId subject, string reason, string actor, CancellationToken cancellationToken = default);

    /// <summary>Holds every row of an entity type.</summary>
    /// <param name="entityType">The entity's name in the personal-data model (usually the CLR type's name).</param>
    /// <param name="reason">Why, for example a case reference; no personal data.</param>
    /// <param name="actor">Who places the hold.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The hold.</returns>
    /// <exception cref="ArgumentException"><paramref name="entityType"/> names no entity of the personal-data model, or
    /// <paramref name="reason"/> or <paramref name="actor"/> is null or empty.</exception>
    Task<LegalHold> PlaceOnEntityTypeAsync(string entityType, string reason, string actor, CancellationToken cancellationToken = default);

    /// <summary>Releases an active hold.</summary>
    /// <param name="holdId">The hold's id.</param>
    /// <param name="actor">Who releases it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the hold was active and is now released; <see langword="false"/> when no
    /// active hold has that id.</returns>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or empty.</exception>
    Task<bool> ReleaseAsync(Guid holdId, string actor, CancellationToken cancellationToken = default);

    /// <summary>Lists the active holds.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The active holds, oldest first.</returns>
    Task<IReadOnlyList<LegalHold>> GetActiveAsync(CancellationToken cancellationToken = default);
}
