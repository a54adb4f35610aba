using DataGuard.AspNetCore.Masking;
using DataGuard.Model;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the per-request decision of who sees personal data in clear.</summary>
public static class DataGuardResponseMaskingApplicationBuilderExtensions
{
    /// <summary>
    /// Decides per request whether the caller sees <see cref="DataGuard.Model.PersonalAttribute"/> properties in clear (see
    /// <c>AddDataGuard().AddResponseMasking()</c>). Place it after <c>UseAuthentication()</c> and
    /// <c>UseAuthorization()</c>; responses written before it, or without it, are masked.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same application builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="app"/> is null.</exception>
    public static IApplicationBuilder UseDataGuardResponseMasking(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<ResponseMaskingMiddleware>();
    }
}
