using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DataGuard.Analyzers.CodeFixes;

/// <summary>What every DataGuard code fix shares: the batch fix-all provider, and reading the document's syntax root and
/// semantic model once for all of the context's diagnostics.</summary>
public abstract class DataGuardCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            Register(context, root, model, diagnostic);
        }
    }

    /// <summary>Registers the fix for one diagnostic, when it applies.</summary>
    private protected abstract void Register(CodeFixContext context, SyntaxNode root, SemanticModel model, Diagnostic diagnostic);
}
