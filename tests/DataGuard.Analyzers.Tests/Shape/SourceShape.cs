using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DataGuard.Analyzers.Tests.Shape;

/// <summary>One place in src/ that is larger than the shape rules allow.</summary>
/// <param name="Rule">Which rule: <see cref="SourceShape.FileLines"/>, <see cref="SourceShape.MethodLines"/> or
/// <see cref="SourceShape.MethodParameters"/>.</param>
/// <param name="Name">The file (<c>src/…/X.cs</c>) or the member (<c>src/…/X.cs: Type.Method</c>).</param>
/// <param name="Size">The lines or parameters it has.</param>
internal sealed record ShapeOffence(string Rule, string Name, int Size)
{
    public string Key => Rule + " " + Name;
}

/// <summary>
/// Measures the C# sources under src/ with Roslyn's syntax tree: lines per file, lines per method (from its first
/// attribute or modifier to its closing brace, local functions included in their method), and parameters per method,
/// constructor, local function, delegate and class primary constructor. Records are the parameter objects the rules
/// recommend, so their positional parameters do not count; nor do methods without a body (P/Invoke imports and
/// <c>[LoggerMessage]</c> declarations, whose parameters the native function or the message template set).
/// </summary>
internal static class SourceShape
{
    public const string FileLines = "file-lines";
    public const string MethodLines = "method-lines";
    public const string MethodParameters = "method-parameters";

    public const int MaxFileLines = 250;
    public const int MaxMethodLines = 60;
    public const int MaxParameters = 6;

    public static IReadOnlyList<ShapeOffence> Measure(string repositoryRoot)
    {
        var offences = new List<ShapeOffence>();
        var src = Path.Combine(repositoryRoot, "src");
        foreach (var path in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(repositoryRoot, path).Replace('\\', '/');
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
            {
                continue;
            }

            Measure(relative, File.ReadAllText(path), offences);
        }

        return offences;
    }

    public static void Measure(string name, string text, List<ShapeOffence> offences)
    {
        var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview));
        var lines = tree.GetText().Lines.Count - (text.EndsWith('\n') ? 1 : 0);
        if (lines > MaxFileLines)
        {
            offences.Add(new ShapeOffence(FileLines, name, lines));
        }

        // Overloads share a name: the largest one counts, so the allowlist names each member once.
        var members = new Dictionary<(string Rule, string Member), int>();
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            if (Member(node) is not { } member)
            {
                continue;
            }

            if (node is not ClassDeclarationSyntax)
            {
                var span = node.GetLocation().GetLineSpan();
                Record(members, MethodLines, member.Name, span.EndLinePosition.Line - span.StartLinePosition.Line + 1, MaxMethodLines);
            }

            Record(members, MethodParameters, member.Name, member.Parameters, MaxParameters);
        }

        offences.AddRange(members.Select(m => new ShapeOffence(m.Key.Rule, name + ": " + m.Key.Member, m.Value)));
    }

    private static void Record(Dictionary<(string, string), int> members, string rule, string member, int size, int limit)
    {
        if (size > limit && (!members.TryGetValue((rule, member), out var known) || known < size))
        {
            members[(rule, member)] = size;
        }
    }

    private static (string Name, int Parameters)? Member(SyntaxNode node) => node switch
    {
        // A method without a body declares a shape set elsewhere: a P/Invoke import, a [LoggerMessage] template.
        MethodDeclarationSyntax { Body: null, ExpressionBody: null } => null,
        MethodDeclarationSyntax m => (Qualified(m, m.Identifier.ValueText), m.ParameterList.Parameters.Count),
        ConstructorDeclarationSyntax c => (Qualified(c, "ctor"), c.ParameterList.Parameters.Count),
        OperatorDeclarationSyntax o => (Qualified(o, "operator " + o.OperatorToken.ValueText), o.ParameterList.Parameters.Count),
        ConversionOperatorDeclarationSyntax c => (Qualified(c, "operator " + c.Type), c.ParameterList.Parameters.Count),
        LocalFunctionStatementSyntax l => (Qualified(l, l.Identifier.ValueText), l.ParameterList.Parameters.Count),
        DelegateDeclarationSyntax d => (Qualified(d, d.Identifier.ValueText), d.ParameterList.Parameters.Count),
        AccessorDeclarationSyntax a when a.Body is not null || a.ExpressionBody is not null
            => (Qualified(a, a.Keyword.ValueText), 0),
        ClassDeclarationSyntax { ParameterList: { } p } c => (Qualified(c, c.Identifier.ValueText + ".ctor"), p.Parameters.Count),
        _ => null,
    };

    /// <summary><c>Outer.Inner.Method</c>, with the enclosing members of a local function or accessor.</summary>
    private static string Qualified(SyntaxNode node, string name)
    {
        var parts = new List<string> { name };
        for (var parent = node.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case BaseTypeDeclarationSyntax type:
                    parts.Add(type.Identifier.ValueText);
                    break;
                case MethodDeclarationSyntax method:
                    parts.Add(method.Identifier.ValueText);
                    break;
                case LocalFunctionStatementSyntax local:
                    parts.Add(local.Identifier.ValueText);
                    break;
                case PropertyDeclarationSyntax property:
                    parts.Add(property.Identifier.ValueText);
                    break;
                case IndexerDeclarationSyntax:
                    parts.Add("this[]");
                    break;
                case ConstructorDeclarationSyntax:
                    parts.Add("ctor");
                    break;
            }
        }

        parts.Reverse();
        return string.Join('.', parts);
    }
}
