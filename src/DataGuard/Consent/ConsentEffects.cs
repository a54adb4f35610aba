using DataGuard.Audit;
using DataGuard.Purposes;
using DataGuard.Subjects.Events;

namespace DataGuard.Consent;

/// <summary>Where a consent change goes besides the store: the audit trail (with the acting user of the ambient audit
/// context), the subject's events, and the purpose scopes' cached consent states, which every change clears.</summary>
/// <param name="AuditTrail">Records every change.</param>
/// <param name="AuditContext">Who acts, for records made by staff for a subject.</param>
/// <param name="SubjectEvents">Raised on withdrawal, objection and restriction.</param>
/// <param name="PurposeConsentCache">Forgets the subject's cached states.</param>
internal sealed record ConsentEffects(
    IAuditTrail AuditTrail,
    IAuditContext? AuditContext = null,
    SubjectEvents? SubjectEvents = null,
    PurposeConsentCache? PurposeConsentCache = null);
