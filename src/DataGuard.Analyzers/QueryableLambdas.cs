using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DataGuard.Analyzers;

/// <summary>Finds the expression-tree lambdas handed to <c>IQueryable</c> operators: the queries EF Core translates.</summary>
internal static class QueryableLambdas
{
    /// <summary>The nearest lambda around <paramref name="read"/> that is handed to an IQueryable operator.</summary>
    public static IAnonymousFunctionOperation? QueryLambda(IOperation read, KnownSymbols symbols)
    {
        for (var current = read.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda && QueryOperator(lambda, symbols) is not null)
            {
                return lambda;
            }
        }

        return null;
    }

    /// <summary>The innermost lambda around <paramref name="read"/>, and the IQueryable operator of the nearest lambda
    /// handed to one; null when the read is in no query.</summary>
    public static (IAnonymousFunctionOperation Innermost, IInvocationOperation Operator)? EnclosingQuery(IOperation read, KnownSymbols symbols)
    {
        IAnonymousFunctionOperation? innermost = null;
        for (var current = read.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda)
            {
                innermost ??= lambda;
                if (QueryOperator(lambda, symbols) is { } queryOperator)
                {
                    return (innermost, queryOperator);
                }
            }
        }

        return null;
    }

    /// <summary>The IQueryable operator a lambda is an expression-tree argument of.</summary>
    public static IInvocationOperation? QueryOperator(IAnonymousFunctionOperation lambda, KnownSymbols symbols)
    {
        if (ArgumentOf(lambda) is not { Parent: IInvocationOperation invocation } argument
            || argument.Parameter?.Type is not INamedTypeSymbol parameterType
            || !SymbolEqualityComparer.Default.Equals(parameterType.OriginalDefinition, symbols.ExpressionOfT))
        {
            return null;
        }

        var source = invocation.Instance?.Type
            ?? (invocation.TargetMethod.IsExtensionMethod && invocation.TargetMethod.Parameters.Length > 0 ? invocation.TargetMethod.Parameters[0].Type : null);
        return source is not null && IsQueryable(source, symbols.Queryable!) ? invocation : null;
    }

    public static IArgumentOperation? ArgumentOf(IAnonymousFunctionOperation lambda)
    {
        var current = lambda.Parent;
        while (current is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        return current as IArgumentOperation;
    }

    private static bool IsQueryable(ITypeSymbol type, INamedTypeSymbol queryable)
    {
        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, queryable))
        {
            return true;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate, queryable))
            {
                return true;
            }
        }

        return false;
    }
}
