namespace DataGuard.Model.Processing;

/// <summary>The ground of a transfer outside the EEA (GDPR Chapter V).</summary>
public enum TransferSafeguard
{
    /// <summary>No safeguard is recorded: start-up validation refuses a transfer without one.</summary>
    None = 0,

    /// <summary>An adequacy decision (Art. 45).</summary>
    AdequacyDecision,

    /// <summary>Standard contractual clauses (Art. 46(2)(c)).</summary>
    StandardContractualClauses,

    /// <summary>Binding corporate rules (Art. 47).</summary>
    BindingCorporateRules,

    /// <summary>An approved code of conduct or certification (Art. 46(2)(e), (f)).</summary>
    CodeOfConductOrCertification,

    /// <summary>A derogation for a specific situation (Art. 49), documented as Art. 30(1)(e) requires.</summary>
    Derogation,
}
