using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DataGuard.Analyzers.CodeFixes;

/// <summary>
/// DG2001: turns <c>db.Customers.Where(c =&gt; c.Email == value)</c> on a searchable property into
/// <c>db.Customers.WhereEncrypted(c =&gt; c.Email, value)</c>, which compares the blind index instead.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WhereEncryptedCodeFix)), Shared]
public sealed class WhereEncryptedCodeFix : DataGuardCodeFix
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.EncryptedPropertyInQuery);

    /// <inheritdoc />
    private protected override void Register(CodeFixContext context, SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.ContainsKey(EncryptedQueryAnalyzer.SearchableEquality)
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax property
            || property.Parent is not BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression } equality
            || equality.Parent is not LambdaExpressionSyntax lambda
            || lambda.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax where } }
            || where.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Where" } access
            || model.GetTypeInfo(access.Expression, context.CancellationToken).Type is not INamedTypeSymbol
            {
                Name: "DbSet", ContainingNamespace: { Name: "EntityFrameworkCore", ContainingNamespace.Name: "Microsoft" },
            } set)
        {
            return;
        }

        var other = equality.Left == property ? equality.Right : equality.Left;
        var needsUsing = model.LookupSymbols(where.SpanStart, set, "WhereEncrypted", includeReducedExtensionMethods: true).IsEmpty;
        var replacement = where
            .WithExpression(access.WithName(SyntaxFactory.IdentifierName("WhereEncrypted")))
            .WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
            {
                SyntaxFactory.Argument(lambda.WithBody(property.WithoutTrivia())), SyntaxFactory.Argument(other.WithoutTrivia()),
            })));
        context.RegisterCodeFix(
            CodeAction.Create(
                "Use WhereEncrypted (blind index)", c => Rewrite(context.Document, root, where, replacement, needsUsing, c), nameof(WhereEncryptedCodeFix)),
            diagnostic);
    }

    private static Task<Document> Rewrite(
        Document document,
        SyntaxNode root,
        InvocationExpressionSyntax where,
        InvocationExpressionSyntax replacement,
        bool needsUsing,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var newRoot = root.ReplaceNode(where, replacement);
        if (needsUsing && newRoot is CompilationUnitSyntax unit)
        {
            newRoot = unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("Microsoft.EntityFrameworkCore"))
                .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed));
        }

        return Task.FromResult(document.WithSyntaxRoot(newRoot));
    }
}
