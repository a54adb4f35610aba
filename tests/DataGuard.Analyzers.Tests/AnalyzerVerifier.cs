using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace DataGuard.Analyzers.Tests;

/// <summary>
/// Runs an analyzer (and a code fix) on test sources compiled against the running .NET's own assemblies and
/// DataGuard's real ones, so no reference pack is downloaded and the rules see the real metadata names.
/// Sources get the usings a DataGuard application has; diagnostics are marked in place: <c>{|DG1001:c.Email|}</c>.
/// </summary>
internal static class AnalyzerVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static async Task VerifyAsync(string source)
    {
        var test = Create(source);
        await test.RunAsync(CancellationToken.None);
    }

    public static async Task VerifyFixAsync(string source, string fixedSource)
    {
        var test = Create(source);
        test.FixedCode = fixedSource;
        test.FixedState.Sources.Add(("Usings.cs", Usings));
        await test.RunAsync(CancellationToken.None);
    }

    private static CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> Create(string source)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(References.Value);
        test.TestState.Sources.Add(("Usings.cs", Usings));
        return test;
    }

    private const string Usings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Linq;
        global using System.Threading.Tasks;
        global using DataGuard;
        global using DataGuard.Audit;
        global using DataGuard.Caching;
        global using DataGuard.Consent;
        global using DataGuard.DependencyInjection;
        global using DataGuard.Diagnostics;
        global using DataGuard.Encryption;
        global using DataGuard.Forwarding;
        global using DataGuard.Keys;
        global using DataGuard.Masking.Classification;
        global using DataGuard.Model;
        global using DataGuard.Model.DataMaps;
        global using DataGuard.Model.Processing;
        global using DataGuard.Purposes;
        global using DataGuard.Retention;
        global using DataGuard.Subjects;
        global using DataGuard.Subjects.Requests;
        global using DataGuard.Tenants;
        global using DataGuard.Masking;
        global using Microsoft.EntityFrameworkCore;
        global using Microsoft.Extensions.Logging;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(static () =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return [.. paths
            .Where(static p => p.Contains("Microsoft.NETCore.App", StringComparison.Ordinal)
                               || Path.GetFileName(p).StartsWith("DataGuard.",
                                   StringComparison.Ordinal) && !Path.GetFileName(p).StartsWith("DataGuard.Analyzers", StringComparison.Ordinal)
                               || Path.GetFileName(p).StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
                               || Path.GetFileName(p).StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
            .Select(static p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });
}
