using DataGuard.Subjects;

namespace DataGuard.AspNetCore.Requests;

/// <summary>
/// Settings of the routes of <c>MapDataSubjectEndpoints</c>, configured with
/// <c>AddDataGuard().AddDataSubjectEndpoints(o =&gt; …)</c> and validated at start-up.
/// </summary>
/// <remarks>
/// Every route is rate limited per subject by one of DataGuard's named policies of ASP.NET Core's rate limiter
/// (<see cref="ExportRateLimitPolicy"/>, <see cref="ErasureRateLimitPolicy"/>, <see cref="ChangeRateLimitPolicy"/>,
/// <see cref="ConsentRateLimitPolicy"/>, <see cref="ReadRateLimitPolicy"/>): a fixed window per subject whose limit is set
/// here. To replace one, add a policy under the same name with <c>services.AddRateLimiter(o =&gt; o.AddPolicy(name, …))</c>;
/// DataGuard then keeps the host's. The host must call <c>app.UseRateLimiter()</c> after <c>app.UseAuthentication()</c>.
/// </remarks>
public sealed class DataSubjectEndpointOptions
{
    /// <summary>The rate-limiting policy of <c>GET {prefix}/me/export</c>; apply it to other endpoints with
    /// <c>.RequireRateLimiting(...)</c>.</summary>
    public const string ExportRateLimitPolicy = "DataGuard.SubjectExport";

    /// <summary>The rate-limiting policy of <c>POST {prefix}/me/erasure</c> (an erasure rewrites the subject's rows and
    /// may vacuum the database).</summary>
    public const string ErasureRateLimitPolicy = "DataGuard.EFCore.Subjects.SubjectErasure";

    /// <summary>The rate-limiting policy of <c>POST {prefix}/me/rectification</c> and <c>POST {prefix}/me/restriction</c>.</summary>
    public const string ChangeRateLimitPolicy = "DataGuard.SubjectChange";

    /// <summary>The rate-limiting policy of <c>POST</c> and <c>DELETE {prefix}/consents/{purpose}</c>.</summary>
    public const string ConsentRateLimitPolicy = "DataGuard.SubjectConsent";

    /// <summary>The rate-limiting policy of the reading routes: consents, consent history and requests.</summary>
    public const string ReadRateLimitPolicy = "DataGuard.SubjectRead";

    /// <summary>How many exports one subject may download per <see cref="ExportWindow"/>; further calls get 429 with
    /// ProblemDetails and a Retry-After header. Defaults to 3. An export reads every row of the subject, so it is the
    /// most expensive call a user can make.</summary>
    public int ExportPermitLimit { get; set; } = 3;

    /// <summary>The fixed window the <see cref="ExportPermitLimit"/> applies to, per subject. Defaults to one hour.</summary>
    public TimeSpan ExportWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many erasure calls one subject may make per <see cref="RateLimitWindow"/>. Defaults to 3.</summary>
    public int ErasurePermitLimit { get; set; } = 3;

    /// <summary>How many rectification and restriction calls one subject may make per <see cref="RateLimitWindow"/>.
    /// Defaults to 10.</summary>
    public int ChangePermitLimit { get; set; } = 10;

    /// <summary>How many consent grants and withdrawals one subject may make per <see cref="RateLimitWindow"/>. Defaults
    /// to 30.</summary>
    public int ConsentPermitLimit { get; set; } = 30;

    /// <summary>How many reads (consents, history, requests) one subject may make per <see cref="RateLimitWindow"/>.
    /// Defaults to 300.</summary>
    public int ReadPermitLimit { get; set; } = 300;

    /// <summary>The fixed window of every limit but the export's, per subject. Defaults to one hour.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The largest request body any of the routes accepts, in bytes; a larger one gets 413 with ProblemDetails
    /// before anything is recorded. Defaults to 64 KiB, far above any correction a person types.</summary>
    public long MaxRequestBodySize { get; set; } = 64 * 1024;

    /// <summary>Whether <c>POST {prefix}/me/rectification</c> is mapped. It needs the application's
    /// <see cref="DataGuard.Subjects.ISubjectRectifier"/>: <c>MapDataSubjectEndpoints</c> fails at start-up when none is
    /// registered. Defaults to <see langword="true"/>; set it to <see langword="false"/> when corrections go another way.</summary>
    public bool Rectification { get; set; } = true;
}
