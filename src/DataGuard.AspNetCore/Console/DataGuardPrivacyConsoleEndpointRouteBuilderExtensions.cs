using DataGuard.AspNetCore;
using DataGuard.AspNetCore.Console;
using DataGuard.AspNetCore.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps DataGuard's privacy console: server-rendered pages for the officers who answer data-subject requests,
/// review the audit trail, manage retention, legal holds and keys, and show the record of processing.</summary>
public static class DataGuardPrivacyConsoleEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the privacy console under <paramref name="prefix"/>: Requests (inbox with deadline countdown, a request's
    /// page to verify, approve, extend, reject, fulfil an export or an erasure with its signed report), Audit (keyset-paged
    /// entries, chain verification), Consent (a subject's ledger), Retention (dry-run preview, run, legal holds), Keys
    /// (ring, rotation, re-encryption progress, guarded retire) and Data map (page, JSON and Markdown). Every page needs
    /// <see cref="PrivacyConsoleOptions.ViewerPolicy"/>, every action also <see cref="PrivacyConsoleOptions.OperatorPolicy"/>;
    /// every form carries an antiforgery token, and every action is audited with the officer as actor and the area's
    /// purpose. The pages use no script and no inline style, and are sent with a strict Content-Security-Policy.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="prefix">The route prefix, for example "/privacy-console".</param>
    /// <param name="configure">Sets the policies and page options.</param>
    /// <returns>The group, to add conventions to every console route.</returns>
    /// <exception cref="InvalidOperationException">DataGuard's services, antiforgery or authorization are not
    /// registered, or a named policy does not exist.</exception>
    public static RouteGroupBuilder MapPrivacyConsole(
        this IEndpointRouteBuilder endpoints,
        string prefix = "/privacy-console",
        Action<PrivacyConsoleOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var options = new PrivacyConsoleOptions();
        configure?.Invoke(options);
        Validate(endpoints.ServiceProvider, options);

        var area = new ConsoleArea(prefix.TrimEnd('/'), options);
        var group = endpoints.MapGroup(prefix).RequireAuthorization(options.ViewerPolicy);
        group.MapGet("/", IResult (HttpContext http) => area.SeeOther(http, "/requests"));
        PageAssets.Map(group);
        ConsoleRequestPages.Map(group, area);
        ConsoleAuditPages.Map(group, area);
        ConsoleConsentPages.Map(group, area);
        ConsoleRetentionPages.Map(group, area);
        ConsoleKeyPages.Map(group, area);
        ConsoleDataMapPages.Map(group, area);
        return group;
    }

    private static void Validate(IServiceProvider services, PrivacyConsoleOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ViewerPolicy, "PrivacyConsoleOptions.ViewerPolicy");
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OperatorPolicy, "PrivacyConsoleOptions.OperatorPolicy");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PageSize, 1, "PrivacyConsoleOptions.PageSize");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.PageSize, 1000, "PrivacyConsoleOptions.PageSize");
        PageRequirements.ThrowIfMissing(services, "MapPrivacyConsole");
        if (services.GetService<IAuthorizationService>() is null)
        {
            throw new InvalidOperationException("MapPrivacyConsole needs authorization: call services.AddAuthorization(o => o.AddPolicy(\"" +
                options.ViewerPolicy +
                "\", …)) and name the console's policies in PrivacyConsoleOptions.");
        }

        var authorization = services.GetRequiredService<IOptions<AuthorizationOptions>>().Value;
        if (services.GetService<IAuthorizationPolicyProvider>() is DefaultAuthorizationPolicyProvider)
        {
            foreach (var policy in new[] { options.ViewerPolicy, options.OperatorPolicy, options.RevealPolicy })
            {
                if (policy is not null && authorization.GetPolicy(policy) is null)
                {
                    throw new InvalidOperationException($"MapPrivacyConsole names the authorization policy '{policy}', which is not registered: add it with " +
                        $"services.AddAuthorization(o => o.AddPolicy(\"{policy}\", …)), or name another in PrivacyConsoleOptions.");
                }
            }
        }
    }
}
