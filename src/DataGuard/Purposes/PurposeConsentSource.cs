using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Purposes;

/// <summary>Where a purpose scope gets subjects' consent states: the application's shared cache first, then the
/// consent service on a service scope of the purpose scope's own.</summary>
internal sealed record PurposeConsentSource(IServiceScopeFactory Scopes, PurposeConsentCache Cache);
