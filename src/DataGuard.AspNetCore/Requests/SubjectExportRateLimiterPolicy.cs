using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore;

/// <summary>
/// <see cref="DataSubjectEndpointOptions.ExportRateLimitPolicy"/>: a fixed window per data subject, so that one user's
/// repeated downloads cannot exhaust the database, and a rejection answered with 429 ProblemDetails and Retry-After.
/// Requests without a subject are not limited here: the endpoint answers them 401 or 403 without doing any work.
/// </summary>
internal sealed class SubjectExportRateLimiterPolicy(IOptions<DataSubjectEndpointOptions> options, IOptions<SubjectClaimOptions> claims) : IRateLimiterPolicy<string>
{
    public static readonly string ProblemType = DataSubjectProblems.Type("subject-requests.md", "rate-limited");

    private readonly FixedWindowRateLimiterOptions _window = new()
    {
        PermitLimit = options.Value.ExportPermitLimit,
        Window = options.Value.ExportWindow,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = static (context, _) =>
    {
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : (int?)null;
        if (retryAfter is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        var problem = DataSubjectProblems.Create(
            StatusCodes.Status429TooManyRequests,
            ProblemType,
            "Too many exports",
            "Your data was exported recently; try again later.",
            ("retryAfterSeconds", retryAfter));
        return new ValueTask(problem.ExecuteAsync(http));
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return httpContext.User.Identity?.IsAuthenticated == true && SubjectClaims.Find(httpContext.User, claims.Value, httpContext.RequestServices) is { } subject
            ? RateLimitPartition.GetFixedWindowLimiter(subject, _ => _window)
            : RateLimitPartition.GetNoLimiter(string.Empty);
    }
}
