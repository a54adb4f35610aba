using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DataGuard.Analyzers;

/// <summary>
/// DG2001 / DG2002: the compile-time twin of DataGuard.EFCore's query guard. Inside an expression-tree lambda given to
/// an <c>IQueryable</c> operator, an encrypted property that is compared, ordered, grouped, joined or matched as text
/// (DG2001), or projected (DG2002).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EncryptedQueryAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The property name under which a DG2001 for an equality on a searchable property says so, for the
    /// code fix to <c>WhereEncrypted</c>.</summary>
    internal const string SearchableEquality = "SearchableEquality";

    private static readonly HashSet<string> StringMatching = new() { "StartsWith", "EndsWith", "Contains", "Equals", "CompareTo", "Compare", "IndexOf" };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EncryptedPropertyInQuery, Descriptors.EncryptedPropertyProjected);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (KnownSymbols.TryCreate(start.Compilation) is not { Queryable: not null, ExpressionOfT: not null } symbols)
            {
                return;
            }

            var model = new PersonalModel(symbols);
            var pending = new ConcurrentQueue<(IPropertyReferenceOperation Read, QueryFinding Finding)>();
            start.RegisterOperationAction(c => Analyze(c, model, pending), OperationKind.AnonymousFunction);
            if (model.HasFluentApi)
            {
                start.RegisterOperationAction(c => model.Collect((IInvocationOperation)c.Operation), OperationKind.Invocation);
                start.RegisterCompilationEndAction(c =>
                {
                    foreach (var (read, finding) in pending)
                    {
                        if (model.FromFluent(read.Property) is { Encrypt: true } fluent)
                        {
                            c.ReportDiagnostic(Create(read, finding, fluent));
                        }
                    }
                });
            }
        });
    }

    private static void Analyze(OperationAnalysisContext context, PersonalModel model, ConcurrentQueue<(IPropertyReferenceOperation, QueryFinding)> pending)
    {
        // Starts from the lambdas handed to IQueryable operators (far fewer than property reads), and looks at the reads
        // whose nearest such lambda is this one, so that a query nested in a query is reported once.
        var lambda = (IAnonymousFunctionOperation)context.Operation;
        if (QueryableLambdas.QueryOperator(lambda, model.Symbols) is null)
        {
            return;
        }

        foreach (var operation in lambda.Body.Descendants())
        {
            if (operation is not IPropertyReferenceOperation read)
            {
                continue;
            }

            var personal = model.FromAttribute(read.Property);
            if (personal is { Encrypt: false } || (personal is null && !model.MayBeFluent(read.Property))
                || !ReferenceEquals(QueryableLambdas.QueryLambda(read, model.Symbols), lambda)
                || Classify(read, model.Symbols) is not { } finding)
            {
                continue;
            }

            if (personal is not null)
            {
                context.ReportDiagnostic(Create(read, finding, personal));
            }
            else
            {
                pending.Enqueue((read, finding));
            }
        }
    }

    private static Diagnostic Create(IPropertyReferenceOperation read, QueryFinding finding, PersonalProperty personal)
    {
        var type = read.Property.ContainingType.Name;
        var name = read.Property.Name;
        if (finding.Operation is null)
        {
            return Diagnostic.Create(Descriptors.EncryptedPropertyProjected, read.Syntax.GetLocation(), type, name);
        }

        var hint = finding.Operation != "compare" ? $"{finding.Operation} it after loading"
            : personal.Searchable ? $"find rows by its value with WhereEncrypted(x => x.{name}, value), or compare it after loading"
            : "compare it after loading, or mark it [Personal(Searchable = true)] to find rows by equality with WhereEncrypted";
        var properties = finding.Equality && personal.Searchable
            ? ImmutableDictionary<string, string?>.Empty.Add(SearchableEquality, "true")
            : ImmutableDictionary<string, string?>.Empty;
        return Diagnostic.Create(Descriptors.EncryptedPropertyInQuery, read.Syntax.GetLocation(), properties, type, name, finding.Operation, hint);
    }

    /// <summary>What a query does with the property, or null when the read is not in a query or is harmless.</summary>
    private static QueryFinding? Classify(IPropertyReferenceOperation read, KnownSymbols symbols)
    {
        // The read must sit in an expression-tree lambda handed to an IQueryable operator (the query EF Core translates).
        if (QueryableLambdas.EnclosingQuery(read, symbols) is not var (innermost, queryOperator))
        {
            return null;
        }

        var value = (IOperation)read;
        var parent = read.Parent;
        while (parent is IConversionOperation)
        {
            value = parent;
            parent = parent.Parent;
        }

        switch (parent)
        {
            case IBinaryOperation binary when IsComparison(binary.OperatorKind) && !IsNull(binary.LeftOperand) && !IsNull(binary.RightOperand):
                return new QueryFinding("compare", binary.OperatorKind == BinaryOperatorKind.Equals && IsWhereBody(binary, innermost, queryOperator));
            case IInvocationOperation call when call.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String
                && StringMatching.Contains(call.TargetMethod.Name):
                return new QueryFinding("match text in", false);
            case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Contains" } call } when !ReferenceEquals(call.Instance, value):
                return new QueryFinding("compare", false);
        }

        var whole = ReferenceEquals(PersonalModel.LambdaBody(innermost), read);
        var method = queryOperator.TargetMethod;
        if (whole && QueryableLambdas.ArgumentOf(innermost) is { } argument && ReferenceEquals(argument.Parent, queryOperator))
        {
            var parameter = argument.Parameter?.Name;
            switch (method.Name)
            {
                case "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" or "Min" or "Max" or "MinBy" or "MaxBy" or "DistinctBy":
                    return new QueryFinding("order by", false);
                case "GroupBy" when parameter == "keySelector":
                    return new QueryFinding("group by", false);
                case "Join" or "GroupJoin" when parameter is "outerKeySelector" or "innerKeySelector":
                    return new QueryFinding("join on", false);
            }
        }

        return method.Name is "Select" or "SelectMany"
            && ReferenceEquals(innermost, QueryableLambdas.QueryLambda(read, symbols))
            && ValueFlow.Reaches(read, innermost, symbols)
            ? new QueryFinding(null, false)
            : null;
    }

    private static bool IsWhereBody(IBinaryOperation binary, IAnonymousFunctionOperation lambda, IInvocationOperation queryOperator) =>
        queryOperator.TargetMethod.Name == "Where"
            && ReferenceEquals(PersonalModel.LambdaBody(lambda), binary)
            && ReferenceEquals(QueryableLambdas.ArgumentOf(lambda)?.Parent, queryOperator);

    private static bool IsComparison(BinaryOperatorKind kind)
        => kind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.LessThan
        or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual;

    private static bool IsNull(IOperation operand)
    {
        while (operand is IConversionOperation conversion)
        {
            operand = conversion.Operand;
        }

        return operand.ConstantValue is { HasValue: true, Value: null } || operand is IDefaultValueOperation;
    }
}
