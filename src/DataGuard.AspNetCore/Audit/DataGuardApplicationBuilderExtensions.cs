using DataGuard.AspNetCore.Audit;
using DataGuard.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds DataGuard's request middleware to the ASP.NET Core pipeline.</summary>
public static class DataGuardApplicationBuilderExtensions
{
    /// <summary>
    /// Fills DataGuard's <see cref="IAuditContext"/> for each request — actor from the user id claim, purpose from the
    /// endpoint's <c>WithAuditPurpose</c>, and a correlation id the server chose: the trace id of a trace the server
    /// started, else <c>HttpContext.TraceIdentifier</c>, never a trace id the client sent in <c>traceparent</c> — so audit
    /// entries written while handling it name who acted, why, and in which request. Place it after
    /// <c>UseAuthentication()</c> so that the user is known.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="app"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><c>services.AddDataGuard()</c> was not called.</exception>
    public static IApplicationBuilder UseDataGuard(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<IAuditContext>() is null)
        {
            throw new InvalidOperationException("UseDataGuard() needs DataGuard's services: call services.AddDataGuard() when configuring the application's " +
                "services.");
        }

        return app.UseMiddleware<DataGuardAuditMiddleware>();
    }
}
