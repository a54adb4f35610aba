using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Masking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.Purposes;

/// <summary>The <see cref="IPurposeContext"/>: opens <see cref="PurposeScope"/>s held in an <see cref="AsyncLocal{T}"/>,
/// each with the audit context's purpose set for its reads.</summary>
/// <remarks>The masker is optional (registered by <c>AddMasking()</c>), so it comes last with a default: the container
/// passes it when there is one.</remarks>
internal sealed class PurposeContext(
    IOptions<DataGuardOptions> options,
    IServiceScopeFactory scopes,
    IAuditContext auditContext,
    PurposeConsentCache consentCache,
    ILogger<PurposeContext> logger,
    DataMasker? masker = null) : IPurposeContext
{
    public string? Current => PurposeScope.Current?.Purpose.Name;

    public IDisposable Begin(string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        var declared = options.Value.Purposes.Find(purpose);
        if (declared is null)
        {
            var refusal = PurposeRules.NotDeclared(purpose);
            PurposeLog.Refused(logger, purpose, refusal.Reason);
            throw new PurposeNotAllowedException(refusal);
        }

        PurposeLog.ScopeStarted(logger, declared.Name);
        var audit = auditContext.Begin(actor: null, purpose: declared.Name);
        return PurposeScope.Push(declared, options.Value.PurposeLimitation.OutsidePurpose, new PurposeConsentSource(scopes, consentCache), masker, audit);
    }
}
