using DataGuard;
using DataGuard.AspNetCore.Audit;
using DataGuard.Audit;
using DataGuard.Consent;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Names the purpose of processing an endpoint serves, for the audit trail.</summary>
public static class DataGuardAuditPurposeEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Records <paramref name="purpose"/> as the <see cref="IAuditContext.Purpose"/> of requests to the endpoint (or every
    /// endpoint of the group), so that every audit entry written while handling them says why the data was processed,
    /// for example <c>app.MapGet("/patients/{id}", …).WithAuditPurpose("care")</c>. Needs <c>app.UseDataGuard()</c>; an
    /// endpoint's own purpose wins over its group's.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="purpose">The purpose, for example a purpose declared in <c>DataGuardOptions.Purposes</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is null or empty.</exception>
    public static TBuilder WithAuditPurpose<TBuilder>(this TBuilder builder, string purpose)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return builder.WithMetadata(new AuditPurposeMetadata(purpose));
    }
}
