using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DataGuard.AspNetCore.Pages;
using DataGuard.Masking;
using DataGuard.Subjects;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using MvcJsonOptions = Microsoft.AspNetCore.Mvc.JsonOptions;

namespace DataGuard.AspNetCore.Masking;

/// <summary>Adds DataGuard's masking modifier to the JSON options of minimal APIs and MVC. Runs after the
/// application's own configuration, so the resolver it wraps is the one the application chose.</summary>
internal sealed class ResponseMaskingJsonSetup(DataMasker masker, IHttpContextAccessor http)
    : IPostConfigureOptions<HttpJsonOptions>, IPostConfigureOptions<MvcJsonOptions>
{
    private readonly SubjectOwnership _ownership = new(masker);

    public void PostConfigure(string? name, HttpJsonOptions options) => AddModifier(options.SerializerOptions);

    public void PostConfigure(string? name, MvcJsonOptions options) => AddModifier(options.JsonSerializerOptions);

    private void AddModifier(JsonSerializerOptions options)
    {
        var resolver = options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver();
        options.TypeInfoResolver = resolver.WithAddedModifier(masker.CreateJsonModifier(Reveal));
    }

    /// <summary>Without the middleware's decision (no request, or <c>UseDataGuardResponseMasking()</c> missing) the
    /// answer is no: failing closed.</summary>
    private bool Reveal(object owner)
        => http.HttpContext?.Features.Get<ResponseMaskingFeature>() is { } feature
           && (feature.RevealAll || (feature.SubjectId is { } subject && _ownership.IsOwnedBy(owner, subject)));
}
