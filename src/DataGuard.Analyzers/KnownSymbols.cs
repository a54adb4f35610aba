using Microsoft.CodeAnalysis;

namespace DataGuard.Analyzers;

/// <summary>The types the analyzers recognise, by metadata name, resolved once per compilation. The analyzers do
/// nothing in a compilation that does not see DataGuard's <c>PersonalAttribute</c>.</summary>
internal sealed class KnownSymbols
{
    private KnownSymbols(Compilation compilation, INamedTypeSymbol personal)
    {
        Personal = personal;
        DataSubject = compilation.GetTypeByMetadataName("DataGuard.Model.DataSubjectAttribute");
        Retain = compilation.GetTypeByMetadataName("DataGuard.Model.RetainAttribute");
        DataMasker = compilation.GetTypeByMetadataName("DataGuard.Masking.DataMasker");
        Masker = compilation.GetTypeByMetadataName("DataGuard.Masking.IMasker");
        MaskerExtensions = compilation.GetTypeByMetadataName("DataGuard.Masking.DataGuardMaskerExtensions");
        Redactor = compilation.GetTypeByMetadataName("Microsoft.Extensions.Compliance.Redaction.Redactor");
        DataClassification = compilation.GetTypeByMetadataName("Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute");
        Logger = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.ILogger");
        LoggerExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.LoggerExtensions");
        LoggerMessage = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.LoggerMessageAttribute");
        Exception = compilation.GetTypeByMetadataName("System.Exception");
        Console = compilation.GetTypeByMetadataName("System.Console");
        Debug = compilation.GetTypeByMetadataName("System.Diagnostics.Debug");
        Trace = compilation.GetTypeByMetadataName("System.Diagnostics.Trace");
        Queryable = compilation.GetTypeByMetadataName("System.Linq.IQueryable");
        ExpressionOfT = compilation.GetTypeByMetadataName("System.Linq.Expressions.Expression`1");
        PropertyBuilderExtensions = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DataGuardPropertyBuilderExtensions");
        EntityTypeBuilderExtensions = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DataGuardEntityTypeBuilderExtensions");
        Boolean = compilation.GetSpecialType(SpecialType.System_Boolean);
    }

    public INamedTypeSymbol Personal { get; }

    public INamedTypeSymbol? DataSubject { get; }

    public INamedTypeSymbol? Retain { get; }

    public INamedTypeSymbol? DataMasker { get; }

    public INamedTypeSymbol? Masker { get; }

    public INamedTypeSymbol? MaskerExtensions { get; }

    public INamedTypeSymbol? Redactor { get; }

    public INamedTypeSymbol? DataClassification { get; }

    public INamedTypeSymbol? Logger { get; }

    public INamedTypeSymbol? LoggerExtensions { get; }

    public INamedTypeSymbol? LoggerMessage { get; }

    public INamedTypeSymbol? Exception { get; }

    public INamedTypeSymbol? Console { get; }

    public INamedTypeSymbol? Debug { get; }

    public INamedTypeSymbol? Trace { get; }

    public INamedTypeSymbol? Queryable { get; }

    public INamedTypeSymbol? ExpressionOfT { get; }

    /// <summary>DataGuard.EFCore's <c>IsPersonal()</c>; null when the compilation does not reference DataGuard.EFCore.</summary>
    public INamedTypeSymbol? PropertyBuilderExtensions { get; }

    /// <summary>DataGuard.EFCore's <c>HasDataSubject()</c> / <c>HasSubjectPath()</c>.</summary>
    public INamedTypeSymbol? EntityTypeBuilderExtensions { get; }

    public INamedTypeSymbol Boolean { get; }

    public static KnownSymbols? TryCreate(Compilation compilation) =>
        compilation.GetTypeByMetadataName("DataGuard.Model.PersonalAttribute") is { } personal ? new KnownSymbols(compilation, personal) : null;

    /// <summary>Whether a call masks or redacts its arguments: DataGuard's <c>DataMasker</c>, any <c>IMasker</c> and its
    /// extensions, and any Microsoft.Extensions.Compliance <c>Redactor</c>.</summary>
    public bool IsMasking(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type, DataMasker) || SymbolEqualityComparer.Default.Equals(type, MaskerExtensions))
        {
            return true;
        }

        if (Masker is not null && (SymbolEqualityComparer.Default.Equals(type, Masker) || Implements(type, Masker)))
        {
            return true;
        }

        return Redactor is not null && DerivesFrom(type, Redactor);
    }

    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Implements(ITypeSymbol type, INamedTypeSymbol @interface)
    {
        foreach (var candidate in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate, @interface))
            {
                return true;
            }
        }

        return false;
    }
}
