using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataGuard.EFCore.Infrastructure;

/// <summary>
/// Warns at start-up when a context DataGuard is attached to (<c>UseDataGuard(sp)</c>) has EF Core's
/// <c>EnableSensitiveDataLogging()</c> on: EF Core then writes parameter values into its logs and exception messages,
/// which puts the personal data DataGuard encrypts into the logs in clear. Every context registered with
/// <c>AddDbContext</c> in the application's services is checked when the host starts (options validation on start).
/// </summary>
internal static partial class SensitiveDataLoggingCheck
{
    public static void Register(IServiceCollection services)
    {
        if (services.Any(static d => d.ServiceType == typeof(Microsoft.Extensions.Options.IConfigureOptions<Marker>)))
        {
            return;
        }

        // The collection is read when the host starts, once every AddDbContext call has been made.
        services.AddOptions<Marker>()
            .Validate<IServiceProvider>((_, provider) =>
            {
                WarnIfEnabled(services, provider);
                return true;
            })
            .ValidateOnStart();
    }

    internal static void WarnIfEnabled(IEnumerable<ServiceDescriptor> services, IServiceProvider provider)
    {
        var optionsTypes = services
            .Select(static d => d.ServiceType)
            .Where(static t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(DbContextOptions<>))
            .Distinct()
            .ToList();
        if (optionsTypes.Count == 0)
        {
            return;
        }

        var logger = provider.GetService<ILoggerFactory>()?.CreateLogger("DataGuard.EFCore.SensitiveDataLogging");
        if (logger is null)
        {
            return;
        }

        using var scope = provider.CreateScope();
        foreach (var type in optionsTypes)
        {
            if (scope.ServiceProvider.GetService(type) is DbContextOptions options
                && options.FindExtension<DataGuardOptionsExtension>() is not null
                && options.FindExtension<CoreOptionsExtension>()?.IsSensitiveDataLoggingEnabled == true)
            {
                SensitiveDataLoggingEnabled(logger, options.ContextType.Name);
            }
        }
    }

    [LoggerMessage(
        EventId = 1010,
        EventName = "SensitiveDataLoggingEnabled",
        Level = LogLevel.Warning,
        Message = "EF Core sensitive data logging is enabled on {Context}, which DataGuard protects: EF Core writes parameter values into its logs and " +
            "exception messages, so personal data reaches them in clear. Turn EnableSensitiveDataLogging() off outside local debugging.")]
    private static partial void SensitiveDataLoggingEnabled(ILogger logger, string context);

    /// <summary>An options type with nothing in it, validated at start-up to run the check.</summary>
    internal sealed class Marker
    {
    }
}
