using System.Globalization;
using System.Threading.RateLimiting;
using DataGuard.AspNetCore.Subjects;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace DataGuard.AspNetCore.Requests;

/// <summary>
/// One of DataGuard's rate-limiting policies of the data-subject routes (see <see cref="DataSubjectEndpointOptions"/>): a
/// fixed window per data subject, so that one user's repeated calls cannot exhaust the database, and a rejection
/// answered with 429 ProblemDetails and Retry-After. Requests without a subject are not limited here: the routes answer
/// them 401 or 403 without doing any work.
/// </summary>
internal sealed class SubjectRateLimiterPolicy : IRateLimiterPolicy<string>
{
    public static readonly string ProblemType = DataSubjectProblems.Type("subject-requests.md", "rate-limited");

    private readonly FixedWindowRateLimiterOptions _window;
    private readonly SubjectClaimOptions _claims;

    public SubjectRateLimiterPolicy(int permitLimit, TimeSpan window, string title, string detail, SubjectClaimOptions claims)
    {
        _claims = claims;
        _window = new FixedWindowRateLimiterOptions { PermitLimit = permitLimit, Window = window, QueueLimit = 0, AutoReplenishment = true };
        OnRejected = (context, _) =>
        {
            var http = context.HttpContext;
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : (int?)null;
            if (retryAfter is { } seconds)
            {
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            var problem = DataSubjectProblems.Create(StatusCodes.Status429TooManyRequests, ProblemType, title, detail, ("retryAfterSeconds", retryAfter));
            return new ValueTask(problem.ExecuteAsync(http));
        };
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; }

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return httpContext.User.Identity?.IsAuthenticated == true && SubjectClaims.Find(httpContext.User, _claims, httpContext.RequestServices) is { } subject
            ? RateLimitPartition.GetFixedWindowLimiter(subject, _ => _window)
            : RateLimitPartition.GetNoLimiter(string.Empty);
    }
}
