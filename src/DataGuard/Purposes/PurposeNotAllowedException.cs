using System.Globalization;
using DataGuard.Consent;

namespace DataGuard.Purposes;

/// <summary>
/// Thrown when processing for a purpose may not go ahead: the purpose is not declared, does not declare the categories
/// or entity it tried to use, or the subject's consent state does not allow it. The message names the purpose, the
/// reason and the categories, never the subject or a personal value.
/// </summary>
public sealed class PurposeNotAllowedException : DataGuardException
{
    /// <summary>Creates the exception from a refusal.</summary>
    /// <param name="decision">The refusal.</param>
    /// <exception cref="ArgumentNullException"><paramref name="decision"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="decision"/> allows the processing.</exception>
    public PurposeNotAllowedException(PurposeDecision decision)
        : this(decision, entity: null)
    {
    }

    internal PurposeNotAllowedException(PurposeDecision decision, string? entity)
        : base(CreateMessage(decision, entity))
    {
        Decision = decision;
        Entity = entity;
    }

    /// <summary>The refusal: purpose, reason, refused categories and consent state.</summary>
    public PurposeDecision Decision { get; }

    /// <summary>The entity whose read was refused, when the refusal came from a purpose scope.</summary>
    public string? Entity { get; }

    /// <summary>The purpose for which processing was refused.</summary>
    public string Purpose => Decision.Purpose;

    /// <summary>Why.</summary>
    public PurposeDenialReason Reason => Decision.Reason;

    private static string CreateMessage(PurposeDecision decision, string? entity)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.IsAllowed)
        {
            throw new ArgumentException("The decision allows the processing.", nameof(decision));
        }

        var on = entity is null ? "" : $" to read {entity}";
        var why = decision.Reason switch
        {
            PurposeDenialReason.NotDeclared => "the purpose is not declared; declare it with services.AddDataGuard(o => o.Purposes.Add(...)) and its lawful " +
                "basis",
            PurposeDenialReason.CategoryNotDeclared => string.Create(CultureInfo.InvariantCulture, $"the purpose does not declare that it " +
                $"uses {string.Join(", ", decision.RefusedCategories)} data (Purpose.Uses)"),
            PurposeDenialReason.EntityNotAllowed => "the entity does not list the purpose among its [AllowedPurposes]",
            PurposeDenialReason.Consent when decision.ConsentStatus is { } status => $"{ConsentStatusText.Describe(status)} " +
                $"({ConsentStatusText.ToCode(status)})",
            _ => "the subject's consent state does not allow it",
        };
        return $"Processing for purpose '{decision.Purpose}' may not go ahead{on}: {why}.";
    }
}
