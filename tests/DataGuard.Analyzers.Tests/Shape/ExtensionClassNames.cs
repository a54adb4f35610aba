using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DataGuard.Analyzers.Tests.Shape;

/// <summary>
/// The naming rule of docs/contributing.md for public extension classes: <c>DataGuard[Feature]&lt;ExtendedType&gt;Extensions</c>,
/// where the extended type is named without its interface <c>I</c>, its generic arguments and a leading <c>DataGuard</c>
/// (<c>IDataGuardBuilder</c> gives <c>Builder</c>: <c>DataGuardCachingBuilderExtensions</c>), and a generic
/// <c>this TBuilder</c> is named by its first constraint (<c>IEndpointConventionBuilder</c>). A class may extend a type's
/// subtypes too (<c>DbSet&lt;T&gt;</c> beside <c>IQueryable&lt;T&gt;</c>), so its name matches one of its extended types.
/// Read from the syntax of src/, like <see cref="SourceShape"/>.
/// </summary>
internal static class ExtensionClassNames
{
    /// <summary>Every public static class in src/ whose name breaks the rule, as <c>src/…/X.cs: Name (extends A, B)</c>.</summary>
    public static IReadOnlyList<string> Offences(string repositoryRoot)
    {
        var offences = new List<string>();
        var src = Path.Combine(repositoryRoot, "src");
        foreach (var path in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(repositoryRoot, path).Replace('\\', '/');
            if (!relative.Contains("/obj/", StringComparison.Ordinal) && !relative.Contains("/bin/", StringComparison.Ordinal))
            {
                offences.AddRange(Offences(relative, File.ReadAllText(path)));
            }
        }

        return offences;
    }

    public static IEnumerable<string> Offences(string name, string text)
    {
        var root = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview)).GetRoot();
        foreach (var type in root.DescendantNodes().OfType<ClassDeclarationSyntax>())
        {
            if (!type.Modifiers.Any(SyntaxKind.PublicKeyword) || !type.Modifiers.Any(SyntaxKind.StaticKeyword))
            {
                continue;
            }

            var extended = type.Members.OfType<MethodDeclarationSyntax>()
                .Where(static m => m.Modifiers.Any(SyntaxKind.PublicKeyword))
                .Select(ExtendedType)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var className = type.Identifier.ValueText;
            if (extended.Count > 0 && !extended.Any(t => Follows(className, t)))
            {
                yield return $"{name}: {className} (extends {string.Join(", ", extended)})";
            }
        }
    }

    /// <summary>Whether <paramref name="className"/> is <c>DataGuard[Feature]{extendedType}Extensions</c>.</summary>
    public static bool Follows(string className, string extendedType)
        => className.StartsWith("DataGuard", StringComparison.Ordinal)
           && className.EndsWith(extendedType + "Extensions", StringComparison.Ordinal)
           && className.Length >= "DataGuard".Length + extendedType.Length + "Extensions".Length;

    /// <summary>The name an extension method's <c>this</c> parameter gives the class, or null for another method.</summary>
    private static string? ExtendedType(MethodDeclarationSyntax method)
    {
        if (method.ParameterList.Parameters.FirstOrDefault() is not { } first || !first.Modifiers.Any(SyntaxKind.ThisKeyword) || first.Type is null)
        {
            return null;
        }

        var type = first.Type;
        if (type is IdentifierNameSyntax parameter
            && method.ConstraintClauses.FirstOrDefault(c => c.Name.Identifier.ValueText == parameter.Identifier.ValueText) is { } clause
            && clause.Constraints.OfType<TypeConstraintSyntax>().FirstOrDefault() is { } constraint)
        {
            type = constraint.Type;
        }

        var simple = type switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            SimpleNameSyntax s => s.Identifier.ValueText,
            _ => type.ToString(),
        };
        if (simple.Length > 1 && simple[0] == 'I' && char.IsUpper(simple[1]))
        {
            simple = simple[1..];
        }

        return simple.StartsWith("DataGuard", StringComparison.Ordinal) && simple.Length > "DataGuard".Length ? simple["DataGuard".Length..] : simple;
    }
}
