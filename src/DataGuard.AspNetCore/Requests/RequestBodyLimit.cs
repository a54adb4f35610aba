using DataGuard.AspNetCore.Subjects;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace DataGuard.AspNetCore.Requests;

/// <summary>
/// <see cref="DataSubjectEndpointOptions.MaxRequestBodySize"/> on every data-subject route: as endpoint metadata, which
/// Kestrel, IIS and HTTP.sys enforce while the body is read, and as a filter that answers 413 ProblemDetails to a
/// declared Content-Length above the limit before the route does anything (servers without the feature, such as a test
/// server, included). The rectification route, the only one with a body, also reads its body with the limit.
/// </summary>
internal sealed class RequestBodyLimit(long maxBytes) : IRequestSizeLimitMetadata
{
    public static readonly string ProblemType = DataSubjectProblems.Type("subject-requests.md", "request-too-large");

    public long? MaxRequestBodySize => maxBytes;

    public long MaxBytes => maxBytes;

    public static IResult TooLarge(long maxBytes) => DataSubjectProblems.Create(
        StatusCodes.Status413PayloadTooLarge,
        ProblemType,
        "Request too large",
        $"The request body is larger than the {maxBytes} bytes these routes accept.",
        ("maxBytes", maxBytes));

    public async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        return context.HttpContext.Request.ContentLength > maxBytes ? TooLarge(maxBytes) : await next(context).ConfigureAwait(false);
    }
}
