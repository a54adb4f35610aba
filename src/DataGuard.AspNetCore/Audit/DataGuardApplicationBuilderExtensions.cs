using DataGuard.AspNetCore.Audit;
using DataGuard.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds DataGuard's request middleware to the ASP.NET Core pipeline.</summary>
public static class DataGuardApplicationBuilderExtensions
{
    /// <summary>
    /// Fills DataGuard's <see cref="IAuditContext"/> for each request — actor from the user id claim, correlation id
    /// from the trace id — so audit entries written while handling it name who acted. Place it after
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
            throw new InvalidOperationException("UseDataGuard() needs DataGuard's services: call services.AddDataGuard() when configuring the application's services.");
        }

        return app.UseMiddleware<DataGuardAuditMiddleware>();
    }
}
