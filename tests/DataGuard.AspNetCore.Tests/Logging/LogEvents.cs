using System.Reflection;
using Microsoft.Extensions.Logging;

namespace DataGuard.AspNetCore.Tests.Logging;

/// <summary>A <c>[LoggerMessage]</c> method of one of DataGuard's packages.</summary>
internal sealed record LogEvent(string Package, MethodInfo Method, LoggerMessageAttribute Attribute)
{
    public int Id => Attribute.EventId;

    /// <summary>The name the event logs under: the attribute's, else the method's (the generator's default).</summary>
    public string Name => Attribute.EventName ?? Method.Name;

    public LogLevel Level => Attribute.Level;

    public string Where => $"{Method.DeclaringType?.Name}.{Method.Name}";
}

/// <summary>Finds every <c>[LoggerMessage]</c> method of the given assemblies by reflection.</summary>
internal static class LogEvents
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    public static IEnumerable<LogEvent> Events(IEnumerable<Assembly> assemblies)
        => from assembly in assemblies
           from type in assembly.GetTypes()
           from method in type.GetMethods(All)
           let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
           where attribute is not null
           select new LogEvent(assembly.GetName().Name!, method, attribute);
}
