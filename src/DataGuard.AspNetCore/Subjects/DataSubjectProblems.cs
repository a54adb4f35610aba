using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DataGuard.AspNetCore.Subjects;

/// <summary>Builds the ProblemDetails (RFC 9457) of every DataGuard endpoint and filter, so that all of them answer
/// errors alike: a type that links to the docs, a title, a detail without personal data, and extensions for clients.</summary>
internal static class DataSubjectProblems
{
    private const string DocsBase = "https://github.com/dataguard-dotnet/dataguard/blob/main/docs/";

    public static string Type(string document, string anchor) => DocsBase + document + "#" + anchor;

    public static ProblemDetails Details(int status, string type, string title, string detail, params ReadOnlySpan<(string Key, object? Value)> extensions)
    {
        var problem = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail };
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    public static ProblemHttpResult Create(int status, string type, string title, string detail, params ReadOnlySpan<(string Key, object? Value)> extensions)
        => TypedResults.Problem(Details(status, type, title, detail, extensions));
}
