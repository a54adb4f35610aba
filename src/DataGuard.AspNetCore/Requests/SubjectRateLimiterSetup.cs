using DataGuard.AspNetCore.Subjects;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Requests;

/// <summary>Adds DataGuard's rate-limiting policies after the host's own configuration, so that a policy the host added
/// under one of DataGuard's names stays in place of DataGuard's.</summary>
internal sealed class SubjectRateLimiterSetup(IOptions<DataSubjectEndpointOptions> endpointOptions, IOptions<SubjectClaimOptions> claims)
    : IPostConfigureOptions<RateLimiterOptions>
{
    public void PostConfigure(string? name, RateLimiterOptions options)
    {
        var o = endpointOptions.Value;
        Add(
            options,
            DataSubjectEndpointOptions.ExportRateLimitPolicy,
            o.ExportPermitLimit,
            o.ExportWindow,
            "Too many exports",
            "Your data was exported recently; try again later.");
        Add(
            options,
            DataSubjectEndpointOptions.ErasureRateLimitPolicy,
            o.ErasurePermitLimit,
            o.RateLimitWindow,
            "Too many erasure requests",
            "You asked for erasure several times recently; try again later.");
        Add(
            options,
            DataSubjectEndpointOptions.ChangeRateLimitPolicy,
            o.ChangePermitLimit,
            o.RateLimitWindow,
            "Too many changes",
            "You asked for corrections or restrictions several times recently; try again later.");
        Add(
            options,
            DataSubjectEndpointOptions.ConsentRateLimitPolicy,
            o.ConsentPermitLimit,
            o.RateLimitWindow,
            "Too many consent changes",
            "You changed your consents many times recently; try again later.");
        Add(
            options,
            DataSubjectEndpointOptions.ReadRateLimitPolicy,
            o.ReadPermitLimit,
            o.RateLimitWindow,
            "Too many requests",
            "Too many requests recently; try again later.");
    }

    private void Add(RateLimiterOptions options, string policyName, int permits, TimeSpan window, string title, string detail)
    {
        try
        {
            options.AddPolicy(policyName, new SubjectRateLimiterPolicy(permits, window, title, detail, claims.Value));
        }
        catch (ArgumentException)
        {
            // RateLimiterOptions has no way to ask whether a name is taken; AddPolicy refuses a second policy under one
            // name, and the host's, added before this runs, is the one that stands.
        }
    }
}
