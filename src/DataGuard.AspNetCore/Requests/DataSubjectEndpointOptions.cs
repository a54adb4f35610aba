namespace DataGuard.AspNetCore;

/// <summary>
/// Settings of the request routes of <c>MapDataSubjectEndpoints</c>, configured with
/// <c>AddDataGuard().AddDataSubjectEndpoints(o =&gt; …)</c> and validated at start-up.
/// </summary>
public sealed class DataSubjectEndpointOptions
{
    /// <summary>The name of the rate-limiting policy DataGuard adds to ASP.NET Core's rate limiter and applies to
    /// <c>GET {prefix}/me/export</c>; apply it to other endpoints with <c>.RequireRateLimiting(...)</c>.</summary>
    public const string ExportRateLimitPolicy = "DataGuard.SubjectExport";

    /// <summary>How many exports one subject may download per <see cref="ExportWindow"/>; further calls get 429 with
    /// ProblemDetails and a Retry-After header. Defaults to 3. An export reads every row of the subject, so it is the
    /// most expensive call a user can make.</summary>
    public int ExportPermitLimit { get; set; } = 3;

    /// <summary>The fixed window the <see cref="ExportPermitLimit"/> applies to, per subject. Defaults to one hour.</summary>
    public TimeSpan ExportWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether <c>POST {prefix}/me/rectification</c> is mapped. It needs the application's
    /// <see cref="DataGuard.Subjects.ISubjectRectifier"/>: <c>MapDataSubjectEndpoints</c> fails at start-up when none is
    /// registered. Defaults to <see langword="true"/>; set it to <see langword="false"/> when corrections go another way.</summary>
    public bool Rectification { get; set; } = true;
}
