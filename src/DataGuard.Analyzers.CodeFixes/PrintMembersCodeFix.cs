using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace DataGuard.Analyzers.CodeFixes;

/// <summary>
/// DG1004 on a record: adds the <c>PrintMembers</c> the compiler would generate, with every <c>[Personal]</c> member
/// printed as DataGuard's mask placeholder (<c>***</c>) instead of its value.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PrintMembersCodeFix)), Shared]
public sealed class PrintMembersCodeFix : DataGuardCodeFix
{
    private const string Placeholder = "***";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.PersonalDataInToString);

    /// <inheritdoc />
    private protected override void Register(CodeFixContext context, SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        // Only the compiler-generated case, on a record whose base is not another record (the override chain of a
        // derived record's PrintMembers is not this fix's to decide).
        if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not RecordDeclarationSyntax record
            || model.GetDeclaredSymbol(record, context.CancellationToken) is not { } type
            || type.BaseType is { SpecialType: not (SpecialType.System_Object or SpecialType.System_ValueType) })
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Add a PrintMembers that masks personal members", c => AddPrintMembers(context.Document, root, record, type, c), nameof(PrintMembersCodeFix)),
            diagnostic);
    }

    private static Task<Document> AddPrintMembers(
        Document document,
        SyntaxNode root,
        RecordDeclarationSyntax record,
        INamedTypeSymbol type,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var body = new StringBuilder();
        var first = true;
        foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
        {
            if (property.IsStatic
                || property.IsIndexer
                || property.IsImplicitlyDeclared
                || property.DeclaredAccessibility != Accessibility.Public
                || property.GetMethod is null)
            {
                continue;
            }

            var separator = first ? "" : ", ";
            first = false;
            body.Append(IsPersonal(property)
                ? $"builder.Append(\"{separator}{property.Name} = {Placeholder}\");\n"
                : $"builder.Append(\"{separator}{property.Name} = \").Append({property.Name});\n");
        }

        var modifiers = type.IsSealed || type.IsValueType ? "private" : "protected virtual";
        var method = (MethodDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration(
            $"{modifiers} bool PrintMembers(global::System.Text.StringBuilder builder)\n{{\n{body}return {(first ? "false" : "true")};\n}}\n")!;
        method = method.WithAdditionalAnnotations(Formatter.Annotation, Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation);
        if (record.Members.Count > 0)
        {
            // A blank line between the existing members and the new method, in the file's own line ending.
            var endOfLine = record.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            method = method.WithLeadingTrivia(endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.LineFeed);
        }

        var updated = record.SemicolonToken.IsKind(SyntaxKind.SemicolonToken)
            ? record.WithSemicolonToken(default)
                .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken))
                .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken))
                .AddMembers(method)
            : record.AddMembers(method);
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(record, updated.WithAdditionalAnnotations(Formatter.Annotation))));
    }

    private static bool IsPersonal(IPropertySymbol property)
    {
        for (var current = property; current is not null; current = current.OverriddenProperty)
        {
            if (current.GetAttributes().Any(a => a.AttributeClass is
                {
                    Name: "PersonalAttribute",
                    ContainingNamespace: { Name: "Model", ContainingNamespace: { Name: "DataGuard", ContainingNamespace.IsGlobalNamespace: true } },
                }))
            {
                return true;
            }
        }

        return false;
    }
}
