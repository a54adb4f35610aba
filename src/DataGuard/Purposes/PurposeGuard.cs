using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Subjects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.Purposes;

/// <summary>The <see cref="IPurposeGuard"/>: the purpose's declaration first (no database work for a refusal there),
/// then the subject's consent state through <see cref="IConsentService"/>, which applies restriction, objection, expiry
/// and the notice version.</summary>
internal sealed class PurposeGuard(IOptions<DataGuardOptions> options, IConsentService consent, ILogger<PurposeGuard> logger) : IPurposeGuard
{
    public async Task<PurposeDecision> CheckAsync(
        SubjectId subjectId,
        string purpose,
        IEnumerable<PersonalCategory> categories,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentNullException.ThrowIfNull(categories);
        if (subjectId == default)
        {
            throw new ArgumentException("The subject id is empty.", nameof(subjectId));
        }

        if (options.Value.Purposes.Find(purpose) is not { } declared)
        {
            return Refused(PurposeRules.NotDeclared(purpose));
        }

        if (PurposeRules.Check(declared, entityType: null, categories) is { } refusal)
        {
            return Refused(refusal);
        }

        var state = await consent.GetAsync(subjectId, declared.Name, cancellationToken).ConfigureAwait(false);
        return state.IsAllowed
            ? PurposeDecision.Allowed(declared.Name, state.Status)
            : Refused(new PurposeDecision(declared.Name, PurposeDenialReason.Consent, [], state.Status));
    }

    public async Task EnsureAllowedAsync(
        SubjectId subjectId,
        string purpose,
        IEnumerable<PersonalCategory> categories,
        CancellationToken cancellationToken = default)
        => (await CheckAsync(subjectId, purpose, categories, cancellationToken).ConfigureAwait(false)).ThrowIfNotAllowed();

    private PurposeDecision Refused(PurposeDecision decision)
    {
        PurposeLog.Refused(logger, decision.Purpose, decision.Reason);
        return decision;
    }
}
