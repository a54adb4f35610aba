using DataGuard.AspNetCore.Subjects;
using DataGuard.Model;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Requests;

/// <summary><c>POST /me/rectification</c>: the subject's correction of their data (GDPR Art. 16), mapped when
/// <see cref="DataSubjectEndpointOptions.Rectification"/> is on.</summary>
internal static class RectificationEndpoint
{
    public static void Map(IEndpointRouteBuilder group, long maxBody)
        => group.MapPost("/me/rectification", (Func<HttpContext, Task<IResult>>)(http => RectifyAsync(http, maxBody)))
            .RequireRateLimiting(DataSubjectEndpointOptions.ChangeRateLimitPolicy)
            .Accepts<RectificationBody>("application/json")
            .WithName("DataGuardRectifyMyData")
            .WithDisplayName("DataGuard: correct my data");

    /// <summary>A correction is checked against the personal-data model before a request is opened, then handed to the
    /// host's <see cref="ISubjectRectifier"/> once the identity is verified; 201 with the completed request.</summary>
    private static async Task<IResult> RectifyAsync(HttpContext http, long maxBody)
    {
        if (!SubjectClaims.TryGetSubject(http, out var subject, out var failure))
        {
            return failure!;
        }

        var (body, tooLarge) = await ReadBodyAsync(http, maxBody).ConfigureAwait(false);
        if (tooLarge)
        {
            return RequestBodyLimit.TooLarge(maxBody);
        }

        if (body is not { Entity.Length: > 0, Property.Length: > 0 })
        {
            return SubjectRequestProblems.InvalidRectification("Name the entity and the property to correct, and give the corrected value.");
        }

        var rectification = new RectificationRequest { Entity = body.Entity, Property = body.Property, Value = body.Value, Note = body.Note };
        if (http.RequestServices.GetService<Model.PersonalDataModel>() is { } model && SubjectAmendments.FindRectifiable(model, rectification) is null)
        {
            return SubjectRequestProblems.InvalidRectification(SubjectAmendments.NotRectifiable(rectification));
        }

        var call = new SubjectRequestCall(http, subject);
        return await call.RunAsync(SubjectRequestKind.Rectification, static r => r.IsOpen, async request =>
        {
            await call.Rights.RectifyAsync(subject, rectification, http.RequestAborted).ConfigureAwait(false);
            return await call.CreatedAsync(request).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Reads the JSON body with the size limit, whatever the server enforces: a chunked body without a
    /// Content-Length is cut off at the limit, and never buffered beyond it.</summary>
    private static async Task<(RectificationBody? Body, bool TooLarge)> ReadBodyAsync(HttpContext http, long maxBody)
    {
        if (http.Request.ContentLength > maxBody)
        {
            return (null, true);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBody)
            {
                return (null, true);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (null, false);
        }

        try
        {
            var json =
                http.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()?.Value.SerializerOptions
                       ?? System.Text.Json.JsonSerializerOptions.Web;
            return (System.Text.Json.JsonSerializer.Deserialize<RectificationBody>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), json), false);
        }
        catch (System.Text.Json.JsonException)
        {
            return (null, false);
        }
    }
}
