using DataGuard.Consent;
using DataGuard.Model;

namespace DataGuard.Purposes;

/// <summary>The answer of <see cref="IPurposeGuard.CheckAsync"/>: whether processing for a purpose may go ahead, and if
/// not, why. It names the purpose and categories, never the subject or a personal value.</summary>
public sealed class PurposeDecision
{
    internal PurposeDecision(string purpose, PurposeDenialReason reason, IReadOnlyList<PersonalCategory> refusedCategories, ConsentStatus? consentStatus)
    {
        Purpose = purpose;
        Reason = reason;
        RefusedCategories = refusedCategories;
        ConsentStatus = consentStatus;
    }

    /// <summary>The purpose asked about.</summary>
    public string Purpose { get; }

    /// <summary>Whether processing may go ahead.</summary>
    public bool IsAllowed => Reason == PurposeDenialReason.None;

    /// <summary>Why not, or <see cref="PurposeDenialReason.None"/>.</summary>
    public PurposeDenialReason Reason { get; }

    /// <summary>The categories asked for that the purpose does not declare (for
    /// <see cref="PurposeDenialReason.CategoryNotDeclared"/>); empty otherwise.</summary>
    public IReadOnlyList<PersonalCategory> RefusedCategories { get; }

    /// <summary>The subject's consent state for the purpose, when it was consulted.</summary>
    public ConsentStatus? ConsentStatus { get; }

    internal static PurposeDecision Allowed(string purpose, ConsentStatus? consent) => new(purpose, PurposeDenialReason.None, [], consent);

    /// <summary>Throws <see cref="PurposeNotAllowedException"/> unless processing may go ahead.</summary>
    /// <exception cref="PurposeNotAllowedException">Processing may not go ahead.</exception>
    public void ThrowIfNotAllowed()
    {
        if (!IsAllowed)
        {
            throw new PurposeNotAllowedException(this);
        }
    }
}
