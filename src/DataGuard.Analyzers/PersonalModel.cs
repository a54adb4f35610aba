using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DataGuard.Analyzers;

/// <summary>
/// Which properties are personal in one compilation: those with <c>[Personal]</c> (on the property or a property it
/// overrides), known at once, and those marked with DataGuard.EFCore's fluent <c>IsPersonal()</c> in code of the same
/// compilation, known only at its end. Findings about source properties without the attribute are kept until then.
/// </summary>
internal sealed class PersonalModel
{
    private readonly ConcurrentDictionary<IPropertySymbol, PersonalProperty?> _attributes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IPropertySymbol, PersonalProperty> _fluent = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _fluentSubjects = new(SymbolEqualityComparer.Default);

    public PersonalModel(KnownSymbols symbols) => Symbols = symbols;

    public KnownSymbols Symbols { get; }

    /// <summary>Whether fluent configuration can exist in this compilation (it references DataGuard.EFCore).</summary>
    public bool HasFluentApi => Symbols.PropertyBuilderExtensions is not null;

    /// <summary>The attribute view of a property: null when it has no <c>[Personal]</c>.</summary>
    public PersonalProperty? FromAttribute(IPropertySymbol property) => _attributes.GetOrAdd(property, Read);

    /// <summary>The fluent view, complete only in a compilation-end action.</summary>
    public PersonalProperty? FromFluent(IPropertySymbol property) => _fluent.TryGetValue(property.OriginalDefinition, out var found) ? found : null;

    public bool HasFluentSubject(ITypeSymbol type) => _fluentSubjects.ContainsKey(type.OriginalDefinition);

    /// <summary>Whether a property without the attribute could still be made personal by fluent code the analyzer
    /// has not seen yet: a property of a class or struct declared in this compilation.</summary>
    public bool MayBeFluent(IPropertySymbol property) =>
        HasFluentApi && !property.IsStatic && property.Locations.Length > 0 && property.Locations[0].IsInSource
        && property.ContainingType.TypeKind is TypeKind.Class or TypeKind.Struct;

    /// <summary>Records <c>Property(x =&gt; x.P).IsPersonal(...)</c>, <c>HasDataSubject</c> and <c>HasSubjectPath</c>.</summary>
    public void Collect(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var container = method.ContainingType;
        if (container is null)
        {
            return;
        }

        if (method.Name == "IsPersonal" && SymbolEqualityComparer.Default.Equals(container, Symbols.PropertyBuilderExtensions))
        {
            var receiver = invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null;
            if (ConfiguredProperty(receiver) is { } property)
            {
                _fluent[property.OriginalDefinition] = new PersonalProperty(
                    BoolArgument(invocation, "encrypt", true), BoolArgument(invocation, "searchable", false), EnumArgument(invocation, "mask"));
            }
        }
        else if (method.Name is "HasDataSubject" or "HasSubjectPath" && SymbolEqualityComparer.Default.Equals(container, Symbols.EntityTypeBuilderExtensions)
                 && method.TypeArguments.Length == 1)
        {
            _fluentSubjects[method.TypeArguments[0].OriginalDefinition] = true;
        }
    }

    private PersonalProperty? Read(IPropertySymbol property)
    {
        for (var current = property; current is not null; current = current.OverriddenProperty)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, Symbols.Personal))
                {
                    var encrypt = true;
                    var searchable = false;
                    string? mask = null;
                    foreach (var named in attribute.NamedArguments)
                    {
                        switch (named.Key)
                        {
                            case "Encrypt" when named.Value.Value is bool value:
                                encrypt = value;
                                break;
                            case "Searchable" when named.Value.Value is bool value:
                                searchable = value;
                                break;
                            case "Mask":
                                mask = EnumMemberName(named.Value.Type, named.Value.Value);
                                break;
                        }
                    }

                    return new PersonalProperty(encrypt, searchable, mask);
                }
            }
        }

        return null;
    }

    /// <summary>The property a property builder configures: <c>Property(x =&gt; x.P)</c> or <c>Property("P")</c>,
    /// possibly followed by other builder calls (<c>.HasMaxLength(100).IsPersonal()</c>).</summary>
    private static IPropertySymbol? ConfiguredProperty(IOperation? builder)
    {
        while (builder is IConversionOperation conversion)
        {
            builder = conversion.Operand;
        }

        while (builder is IInvocationOperation call)
        {
            if (call.TargetMethod.Name == "Property" && call.Arguments.Length == 1)
            {
                var argument = Unwrap(call.Arguments[0].Value);
                if (argument is IAnonymousFunctionOperation lambda && LambdaBody(lambda) is IPropertyReferenceOperation reference)
                {
                    return reference.Property;
                }

                if (argument is ILiteralOperation { ConstantValue: { HasValue: true, Value: string name } }
                    && call.TargetMethod.ContainingType is { TypeArguments.Length: 1 } builderType)
                {
                    return FindProperty(builderType.TypeArguments[0], name);
                }

                return null;
            }

            builder = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
            while (builder is IConversionOperation conversion)
            {
                builder = conversion.Operand;
            }
        }

        return null;
    }

    public static IPropertySymbol? FindProperty(ITypeSymbol? type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                if (member is IPropertySymbol property)
                {
                    return property;
                }
            }
        }

        return null;
    }

    public static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IDelegateCreationOperation creation:
                    operation = creation.Target;
                    break;
                default:
                    return operation;
            }
        }
    }

    /// <summary>The single expression a lambda returns, without conversions; null for a lambda with statements.</summary>
    public static IOperation? LambdaBody(IAnonymousFunctionOperation lambda)
    {
        var operations = lambda.Body.Operations;
        if (operations.Length == 0 || operations[0] is not IReturnOperation { ReturnedValue: { } value })
        {
            return null;
        }

        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value;
    }

    private static bool BoolArgument(IInvocationOperation invocation, string name, bool fallback)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == name && argument.Value.ConstantValue is { HasValue: true, Value: bool value })
            {
                return value;
            }
        }

        return fallback;
    }

    private static string? EnumArgument(IInvocationOperation invocation, string name)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == name && argument.ArgumentKind == ArgumentKind.Explicit && argument.Value.ConstantValue.HasValue)
            {
                return EnumMemberName(argument.Value.Type, argument.Value.ConstantValue.Value);
            }
        }

        return null;
    }

    private static string? EnumMemberName(ITypeSymbol? type, object? value)
    {
        if (type is null || value is null)
        {
            return null;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, value))
            {
                return field.Name;
            }
        }

        return null;
    }
}
