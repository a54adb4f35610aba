using DataGuard.Consent;

namespace DataGuard.Audit;

/// <summary>
/// Who is acting, for which purpose, under which correlation id: the ambient context the audit trail stamps on every
/// entry. DataGuard.AspNetCore's <c>app.UseDataGuard()</c> fills it per request from the user id claim and the trace
/// id; elsewhere (jobs, consoles, message handlers) the application opens a scope with <see cref="Begin"/>. The context
/// flows with the asynchronous call (<see cref="AsyncLocal{T}"/>), so concurrent requests never see each other's actor.
/// </summary>
public interface IAuditContext
{
    /// <summary>The acting user or system component, or <see langword="null"/> when unknown.</summary>
    string? Actor { get; }

    /// <summary>The purpose of processing, or <see langword="null"/> when unknown.</summary>
    string? Purpose { get; }

    /// <summary>The correlation id (for example the W3C trace id), or <see langword="null"/> when unknown.</summary>
    string? CorrelationId { get; }

    /// <summary>
    /// Sets the actor, purpose and correlation id until the returned scope is disposed; the previous values come back
    /// afterwards. A value left <see langword="null"/> is inherited from the enclosing scope.
    /// </summary>
    /// <param name="actor">The acting user or component, for example a user id or "retention-job".</param>
    /// <param name="purpose">The purpose of processing, if known.</param>
    /// <param name="correlationId">The correlation id, if known; defaults to the current <see cref="System.Diagnostics.Activity"/>'s trace id.</param>
    /// <returns>The scope; dispose it to restore the previous context.</returns>
    IDisposable Begin(string? actor, string? purpose = null, string? correlationId = null);
}
