using DataGuard.Consent;

namespace DataGuard.Purposes;

/// <summary>Why processing for a purpose may not go ahead (see <see cref="IPurposeGuard"/>).</summary>
public enum PurposeDenialReason
{
    /// <summary>Processing may go ahead.</summary>
    None = 0,

    /// <summary>The purpose is not declared in <see cref="DataGuardOptions.Purposes"/> (a built-in purpose such as
    /// <see cref="PurposeCollection.ModelTraining"/> included: it is denied until declared with its lawful basis).</summary>
    NotDeclared,

    /// <summary>The purpose does not declare that it uses some of the categories of personal data asked for
    /// (<see cref="Purpose.Uses"/>).</summary>
    CategoryNotDeclared,

    /// <summary>The entity lists the purposes allowed to use it (<see cref="AllowedPurposesAttribute"/>), and this purpose
    /// is not one of them.</summary>
    EntityNotAllowed,

    /// <summary>The subject's consent state does not allow it: no consent in force, withdrawn, expired, given under an
    /// older notice, processing restricted or objected to (<see cref="PurposeDecision.ConsentStatus"/> says which).</summary>
    Consent,
}
