namespace DataGuard.EFCore.Audit;

/// <summary>Registered by <c>AddAuditing()</c>: tells <c>UseDataGuard(sp)</c> to add the audit interceptors to the store context.</summary>
internal sealed class AuditRegistration
{
}
