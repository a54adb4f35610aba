using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DataGuard.Analyzers;

/// <summary>
/// DG1001, DG1002, DG1003: a personal value reaches a log, an exception or the console without being masked.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PersonalDataLeakAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The diagnostic property that names the value's <c>MaskStyle</c> member.</summary>
    internal const string MaskStyleProperty = "MaskStyle";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.PersonalDataInLog, Descriptors.PersonalDataInException, Descriptors.PersonalDataInConsole);

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

            var state = new State(new PersonalModel(symbols));
            start.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterOperationAction(state.AnalyzeCreation, OperationKind.ObjectCreation);
            if (state.Model.HasFluentApi)
            {
                start.RegisterCompilationEndAction(state.ReportFluent);
            }
        });
    }

    private sealed class State
    {
        private readonly ConcurrentQueue<(Location Location, DiagnosticDescriptor Descriptor, IPropertySymbol Property, string Sink)> _pending = new();
        private readonly ConcurrentDictionary<(Location, string), bool> _reported = new();

        public State(PersonalModel model) => Model = model;

        public PersonalModel Model { get; }

        private KnownSymbols Symbols => Model.Symbols;

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            Model.Collect(invocation);
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (type is null)
            {
                return;
            }

            if (Equal(type, Symbols.LoggerExtensions) || Equal(type, Symbols.Logger) || IsLoggerDelegate(method))
            {
                foreach (var argument in invocation.Arguments)
                {
                    Check(context, argument.Value, Descriptors.PersonalDataInLog, "a log");
                }
            }
            else if (Symbols.LoggerMessage is not null && HasAttribute(method, Symbols.LoggerMessage))
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter is null || !IsClassified(argument.Parameter))
                    {
                        Check(context, argument.Value, Descriptors.PersonalDataInLog, "a log");
                    }
                }
            }
            else if (Equal(type, Symbols.Console) || Equal(type, Symbols.Debug) || Equal(type, Symbols.Trace))
            {
                foreach (var argument in invocation.Arguments)
                {
                    Check(context, argument.Value, Descriptors.PersonalDataInConsole, type.Name);
                }
            }
        }

        public void AnalyzeCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (KnownSymbols.DerivesFrom(creation.Type, Symbols.Exception))
            {
                foreach (var argument in creation.Arguments)
                {
                    Check(context, argument.Value, Descriptors.PersonalDataInException, "an exception");
                }
            }
        }

        public void ReportFluent(CompilationAnalysisContext context)
        {
            foreach (var (location, descriptor, property, sink) in _pending)
            {
                if (Model.FromFluent(property) is { } personal)
                {
                    Report(context.ReportDiagnostic, location, descriptor, property, sink, personal);
                }
            }
        }

        private void Check(OperationAnalysisContext context, IOperation value, DiagnosticDescriptor descriptor, string sink)
        {
            foreach (var read in ValueFlow.ReadsReaching(value, Symbols))
            {
                var property = read.Property;
                if (Model.FromAttribute(property) is { } personal)
                {
                    Report(context.ReportDiagnostic, read.Syntax.GetLocation(), descriptor, property, sink, personal);
                }
                else if (Model.MayBeFluent(property))
                {
                    _pending.Enqueue((read.Syntax.GetLocation(), descriptor, property, sink));
                }
            }
        }

        private void Report(
            System.Action<Diagnostic> report,
            Location location,
            DiagnosticDescriptor descriptor,
            IPropertySymbol property,
            string sink,
            PersonalProperty personal)
        {
            // A value assigned to a local once and logged twice is one finding.
            if (_reported.TryAdd((location, descriptor.Id), true))
            {
                // The mask style tells the code fix how to wrap the value in DataMasker.Mask.
                var properties = ImmutableDictionary<string, string?>.Empty.Add(MaskStyleProperty, personal.Mask ?? "Default");
                report(Diagnostic.Create(descriptor, location, properties, property.ContainingType.Name, property.Name, sink));
            }
        }

        /// <summary>A delegate made by <c>LoggerMessage.Define</c>: <c>Action&lt;ILogger, …&gt;</c>.</summary>
        private bool IsLoggerDelegate(IMethodSymbol method) =>
            method.MethodKind == MethodKind.DelegateInvoke && method.Parameters.Length > 0 && Equal(method.Parameters[0].Type, Symbols.Logger);

        /// <summary>A <c>[LoggerMessage]</c> parameter with a data classification is redacted by the logging generator.</summary>
        private bool IsClassified(IParameterSymbol parameter)
        {
            if (Equal(parameter.Type, Symbols.Logger))
            {
                return true;
            }

            foreach (var attribute in parameter.GetAttributes())
            {
                if (KnownSymbols.DerivesFrom(attribute.AttributeClass, Symbols.DataClassification))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol attributeType)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (Equal(attribute.AttributeClass, attributeType))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Equal(ISymbol? a, ISymbol? b) => b is not null && SymbolEqualityComparer.Default.Equals(a, b);
    }
}
