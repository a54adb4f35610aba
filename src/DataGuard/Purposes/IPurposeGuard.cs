using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Subjects;

namespace DataGuard.Purposes;

/// <summary>
/// Purpose limitation (GDPR Art. 5(1)(b)): decides whether personal data of given categories may be processed for a
/// purpose for one subject. It combines the purpose's declaration (<see cref="Purpose.Uses"/>), its lawful basis, the
/// subject's consent in force under the current notice, and restriction (Art. 18) and objection (Art. 21). A purpose
/// that is not declared, <see cref="PurposeCollection.ModelTraining"/> included, is refused.
/// </summary>
public interface IPurposeGuard
{
    /// <summary>Decides whether processing of <paramref name="categories"/> for <paramref name="purpose"/> may go
    /// ahead for the subject.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="purpose">The purpose's name.</param>
    /// <param name="categories">The categories of personal data the processing uses.</param>
    /// <param name="cancellationToken">Cancels the consent lookup.</param>
    /// <returns>The decision, with the reason when refused.</returns>
    /// <exception cref="ArgumentException"><paramref name="subjectId"/> is empty or <paramref name="purpose"/> is null or empty.</exception>
    Task<PurposeDecision> CheckAsync(
        SubjectId subjectId,
        string purpose,
        IEnumerable<PersonalCategory> categories,
        CancellationToken cancellationToken = default);

    /// <summary>Throws unless processing of <paramref name="categories"/> for <paramref name="purpose"/> may go ahead
    /// for the subject.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="purpose">The purpose's name.</param>
    /// <param name="categories">The categories of personal data the processing uses.</param>
    /// <param name="cancellationToken">Cancels the consent lookup.</param>
    /// <returns>A task that completes when processing may go ahead.</returns>
    /// <exception cref="PurposeNotAllowedException">Processing may not go ahead; the exception says why.</exception>
    Task EnsureAllowedAsync(SubjectId subjectId, string purpose, IEnumerable<PersonalCategory> categories, CancellationToken cancellationToken = default);
}
