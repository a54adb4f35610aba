using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DataGuard.Analyzers;

/// <summary>
/// Finds the property reads whose value reaches a sink expression: directly, through string interpolation,
/// concatenation and calls, and through locals assigned in the same method. A read stops reaching the sink when it
/// goes through masking (DataMasker, IMasker, a Redactor), or becomes a bool (a comparison, a pattern, a string test),
/// a length, or a name (<c>nameof</c>).
/// </summary>
internal static class ValueFlow
{
    private const int MaxLocalDepth = 4;

    /// <summary>The property reads in <paramref name="sink"/> whose value reaches it unmasked.</summary>
    public static List<IPropertyReferenceOperation> ReadsReaching(IOperation sink, KnownSymbols symbols)
    {
        var found = new List<IPropertyReferenceOperation>();
        Collect(sink, symbols, found, null, 0);
        return found;
    }

    /// <summary>Whether the value of <paramref name="operation"/> reaches <paramref name="root"/> unchanged enough to
    /// reveal it.</summary>
    public static bool Reaches(IOperation operation, IOperation root, KnownSymbols symbols)
    {
        if (operation.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, operation))
        {
            return false; // a write (an object initializer's Email = "…"), not a read
        }

        for (var current = operation; !ReferenceEquals(current, root) && current.Parent is { } parent; current = parent)
        {
            switch (parent)
            {
                case INameOfOperation:
                case ITypeOfOperation:
                case IIsPatternOperation:
                case IIsTypeOperation:
                    return false;
                case IInvocationOperation invocation when symbols.IsMasking(invocation.TargetMethod):
                    return false;
                case IPropertyReferenceOperation { Property.Name: "Length" or "Count" } member when ReferenceEquals(member.Instance, current):
                    return false;
                case IConditionalOperation conditional when ReferenceEquals(conditional.Condition, current):
                    return false;
                case IAnonymousFunctionOperation lambda when !ResultFlows(lambda):
                    return false;
                case IMemberReferenceOperation member when !ReferenceEquals(member.Instance, current):
                    return false;
            }

            if (parent.Type is { SpecialType: SpecialType.System_Boolean } && parent is not IConversionOperation)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether what a lambda returns becomes part of the result of the call it is given to. LINQ and EF Core
    /// operators other than projections use it to filter, order or find (<c>Where</c>, <c>OrderBy</c>,
    /// <c>WhereEncrypted</c>); any other method is assumed to pass it on.</summary>
    private static bool ResultFlows(IAnonymousFunctionOperation lambda)
    {
        var current = lambda.Parent;
        while (current is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        if (current is not IArgumentOperation { Parent: IInvocationOperation invocation })
        {
            return true;
        }

        var space = invocation.TargetMethod.ContainingNamespace?.ToDisplayString();
        return space is not ("System.Linq" or "Microsoft.EntityFrameworkCore")
               || invocation.TargetMethod.Name is "Select" or "SelectMany" or "GroupBy" or "GroupJoin" or "Join" or "Zip" or "ToDictionary" or "ToLookup"
                   or "Aggregate" or "Min" or "Max" or "ToDictionaryAsync" or "MinAsync" or "MaxAsync" or "ExecuteUpdate" or "ExecuteUpdateAsync";
    }

    private static void Collect(IOperation sink, KnownSymbols symbols, List<IPropertyReferenceOperation> found, HashSet<ILocalSymbol>? visited, int depth)
    {
        foreach (var operation in Self(sink))
        {
            if (operation is IPropertyReferenceOperation reference)
            {
                if (Reaches(reference, sink, symbols))
                {
                    found.Add(reference);
                }
            }
            else if (operation is ILocalReferenceOperation local && depth < MaxLocalDepth && Reaches(local, sink, symbols))
            {
                visited ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
                if (visited.Add(local.Local))
                {
                    foreach (var value in AssignedValues(local))
                    {
                        Collect(value, symbols, found, visited, depth + 1);
                    }
                }
            }
        }
    }

    private static IEnumerable<IOperation> Self(IOperation operation)
    {
        yield return operation;
        foreach (var descendant in operation.Descendants())
        {
            yield return descendant;
        }
    }

    /// <summary>The values a local is initialised with or assigned in the method that declares it.</summary>
    private static IEnumerable<IOperation> AssignedValues(ILocalReferenceOperation reference)
    {
        var root = reference;
        IOperation top = root;
        while (top.Parent is { } parent)
        {
            top = parent;
        }

        foreach (var operation in top.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator when SymbolEqualityComparer.Default.Equals(
                    declarator.Symbol, reference.Local):
                    yield return value;
                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(
                    target.Local, reference.Local):
                    yield return assignment.Value;
                    break;
            }
        }
    }
}
