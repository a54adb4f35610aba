using DataGuard.Audit;
using DataGuard.Consent;

namespace DataGuard.Purposes;

/// <summary>
/// The purpose the current code works for. Inside <c>using (purposes.Begin("analytics")) { … }</c> every entity EF
/// Core reads through a DataGuard context is checked against the purpose: personal fields of categories the purpose does
/// not declare (<see cref="Purpose.Uses"/>), entities whose <see cref="AllowedPurposesAttribute"/> does not list it, and
/// rows whose subject's consent state refuses it either fail the read with <see cref="PurposeNotAllowedException"/> or
/// come back masked (<see cref="PurposeLimitationOptions.OutsidePurpose"/>). Reads inside the scope are audited with the
/// purpose. The scope flows with the asynchronous call, like <see cref="Audit.IAuditContext"/>.
/// </summary>
/// <remarks>A scope checks entities as EF Core creates them; a query that projects personal columns without creating
/// the entity (<c>Select(p =&gt; p.Notes)</c>) is not checked: use <see cref="IPurposeGuard"/> for such code.</remarks>
public interface IPurposeContext
{
    /// <summary>The purpose of the innermost open scope, or <see langword="null"/> outside any scope.</summary>
    string? Current { get; }

    /// <summary>Opens a purpose scope until the returned object is disposed; the enclosing scope's purpose comes back
    /// afterwards.</summary>
    /// <param name="purpose">A purpose declared in <see cref="DataGuardOptions.Purposes"/>.</param>
    /// <returns>The scope; dispose it to end it.</returns>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is null or empty.</exception>
    /// <exception cref="PurposeNotAllowedException">The purpose is not declared (<see cref="PurposeDenialReason.NotDeclared"/>),
    /// <see cref="PurposeCollection.ModelTraining"/> included until the application declares it.</exception>
    IDisposable Begin(string purpose);
}
