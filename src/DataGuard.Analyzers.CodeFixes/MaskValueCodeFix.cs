using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace DataGuard.Analyzers.CodeFixes;

/// <summary>
/// DG1001–DG1003: wraps the personal string in <c>masker.Mask(value, MaskStyle.X)</c>, with the property's mask style,
/// when a <c>DataMasker</c> (local, parameter, field or property) is in scope.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MaskValueCodeFix)), Shared]
public sealed class MaskValueCodeFix : DataGuardCodeFix
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.PersonalDataInLog, DiagnosticIds.PersonalDataInException, DiagnosticIds.PersonalDataInConsole);

    /// <inheritdoc />
    private protected override void Register(CodeFixContext context, SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value
            || model.GetTypeInfo(value, context.CancellationToken).Type?.SpecialType != SpecialType.System_String
            || FindMasker(model, value.SpanStart) is not { } masker)
        {
            return;
        }

        var style = diagnostic.Properties.TryGetValue(PersonalDataLeakAnalyzer.MaskStyleProperty, out var s) && s is not null ? s : "Default";
        context.RegisterCodeFix(
            CodeAction.Create(
                $"Mask with {masker}.Mask(…, MaskStyle.{style})", c => Wrap(context.Document, root, value, masker, style, c), nameof(MaskValueCodeFix)),
            diagnostic);
    }

    private static string? FindMasker(SemanticModel model, int position)
    {
        foreach (var symbol in model.LookupSymbols(position))
        {
            var type = symbol switch
            {
                ILocalSymbol local => local.Type,
                IParameterSymbol parameter => parameter.Type,
                IFieldSymbol field => field.Type,
                IPropertySymbol property => property.Type,
                _ => null,
            };
            if (type is { Name: "DataMasker", ContainingNamespace: { Name: "Masking", ContainingNamespace.Name: "DataGuard" } })
            {
                return symbol.Name;
            }
        }

        return null;
    }

    private static Task<Document> Wrap(
        Document document,
        SyntaxNode root,
        ExpressionSyntax value,
        string masker,
        string style,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var maskStyle = SyntaxFactory.ParseExpression("global::DataGuard.Model.MaskStyle." + style).WithAdditionalAnnotations(Simplifier.Annotation);
        var call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(masker), SyntaxFactory.IdentifierName("Mask")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(
                    value.WithoutTrivia()), SyntaxFactory.Argument(maskStyle) })))
            .WithTriviaFrom(value);
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(value, call)));
    }
}
