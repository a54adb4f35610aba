using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DataGuard.Analyzers;

/// <summary>
/// DG1004: a record with <c>[Personal]</c> members whose <c>ToString</c> is compiler-generated, or a hand-written
/// <c>ToString</c> / <c>PrintMembers</c> that prints a personal member unmasked.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PersonalToStringAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.PersonalDataInToString);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (KnownSymbols.TryCreate(start.Compilation) is not { } symbols)
            {
                return;
            }

            var model = new PersonalModel(symbols);
            start.RegisterSymbolAction(c => AnalyzeRecord(c, model), SymbolKind.NamedType);
            start.RegisterOperationBlockStartAction(block =>
            {
                // Only the bodies of ToString and PrintMembers are looked at: other methods cost nothing.
                if (block.OwningSymbol is IMethodSymbol { Name: "ToString", Parameters.Length: 0 }
                    or IMethodSymbol { Name: "PrintMembers", Parameters.Length: 1 })
                {
                    block.RegisterOperationAction(c => AnalyzeRead(c, model), OperationKind.PropertyReference);
                }
            });
        });
    }

    private static void AnalyzeRecord(SymbolAnalysisContext context, PersonalModel model)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!type.IsRecord)
        {
            return;
        }

        IPropertySymbol? personal = null;
        foreach (var member in type.GetMembers())
        {
            switch (member)
            {
                case IMethodSymbol { Name: "ToString", Parameters.Length: 0, IsImplicitlyDeclared: false }:
                case IMethodSymbol { Name: "PrintMembers", Parameters.Length: 1, IsImplicitlyDeclared: false }:
                    return; // written by hand: its reads are checked one by one
                case IPropertySymbol { IsStatic: false } property when personal is null && model.FromAttribute(property) is not null:
                    personal = property;
                    break;
            }
        }

        if (personal is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.PersonalDataInToString, type.Locations[0], "compiler-generated ToString", type.Name, personal.Name));
        }
    }

    private static void AnalyzeRead(OperationAnalysisContext context, PersonalModel model)
    {
        if (context.ContainingSymbol is not IMethodSymbol method
            || !(method is { Name: "ToString", Parameters.Length: 0 } or { Name: "PrintMembers", Parameters.Length: 1 }))
        {
            return;
        }

        var read = (IPropertyReferenceOperation)context.Operation;
        if (model.FromAttribute(read.Property) is null)
        {
            return;
        }

        IOperation root = read;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        if (ValueFlow.Reaches(read, root, model.Symbols))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.PersonalDataInToString, read.Syntax.GetLocation(), method.Name, method.ContainingType.Name, read.Property.Name));
        }
    }
}
