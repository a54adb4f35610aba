using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DataGuard.Analyzers;

/// <summary>
/// DG3001: a type with <c>[Personal]</c> members that no data subject reaches (no <c>[DataSubject]</c>, no
/// <c>HasDataSubject</c> / <c>HasSubjectPath</c> in the compilation). DG3002: <c>[Retain(From = …)]</c> naming a
/// property that does not exist or is not a date.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PersonalModelAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.PersonalTypeWithoutSubject, Descriptors.RetainFromNotADate);

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
            var withoutSubject = new ConcurrentQueue<INamedTypeSymbol>();
            start.RegisterSymbolAction(c => AnalyzeType(c, model, withoutSubject), SymbolKind.NamedType);
            if (model.HasFluentApi)
            {
                start.RegisterOperationAction(c => model.Collect((IInvocationOperation)c.Operation), OperationKind.Invocation);
            }

            start.RegisterCompilationEndAction(c =>
            {
                foreach (var type in withoutSubject)
                {
                    if (!model.HasFluentSubject(type))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.PersonalTypeWithoutSubject, type.Locations[0], type.Name));
                    }
                }
            });
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, PersonalModel model, ConcurrentQueue<INamedTypeSymbol> withoutSubject)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return;
        }

        CheckRetain(context, type, model.Symbols);

        var hasPersonal = false;
        var hasSubject = false;
        for (var current = type; current is not null && !hasSubject; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is not IPropertySymbol property)
                {
                    continue;
                }

                if (SymbolEqualityComparer.Default.Equals(current, type) && model.FromAttribute(property) is not null)
                {
                    hasPersonal = true;
                }

                if (model.Symbols.DataSubject is { } subject && HasAttribute(property, subject))
                {
                    hasSubject = true;
                    break;
                }
            }
        }

        if (hasPersonal && !hasSubject && !type.IsAbstract)
        {
            withoutSubject.Enqueue(type);
        }
    }

    private static void CheckRetain(SymbolAnalysisContext context, INamedTypeSymbol type, KnownSymbols symbols)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.Retain))
            {
                continue;
            }

            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key != "From" || named.Value.Value is not string from)
                {
                    continue;
                }

                var property = PersonalModel.FindProperty(type, from);
                var problem = property is null ? "names no property of the type"
                    : IsDate(property.Type) ? null
                    : "is not a DateTime, DateTimeOffset or DateOnly property";
                if (problem is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.RetainFromNotADate, FromLocation(attribute) ?? type.Locations[0], type.Name, from, problem));
                }
            }
        }
    }

    private static Location? FromLocation(AttributeData attribute)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList: { } arguments })
        {
            foreach (var argument in arguments.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == "From")
                {
                    return argument.Expression.GetLocation();
                }
            }
        }

        return null;
    }

    private static bool IsDate(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type.SpecialType == SpecialType.System_DateTime)
        {
            return true;
        }

        return type is { Name: "DateTimeOffset" or "DateOnly", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
    }

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol attributeType)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                return true;
            }
        }

        return false;
    }
}
