using DataGuard;
using DataGuard.DependencyInjection;
using DataGuard.EFCore.DependencyInjection;
using DataGuard.EFCore.Forwarding;
using DataGuard.Forwarding;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Streams DataGuard's audit trail to the organisation's log tooling (docs/operations.md).</summary>
public static class DataGuardForwardingBuilderExtensions
{
    /// <summary>
    /// Forwards every audit entry to a destination, at least once and in chain order, from a cursor persisted in the
    /// store context's database (table <c>DataGuardAuditForwardCursors</c>); of all the application's instances one at a
    /// time forwards to a destination (a lease in <c>DataGuardLeases</c>). Failed sends are retried with a backoff
    /// (<see cref="AuditForwardingOptions"/>, in <c>DataGuardOptions.Operations.Forwarding</c>). A hosted service does
    /// the work.
    /// </summary>
    /// <param name="builder">The DataGuard builder, after <c>AddAuditing()</c>.</param>
    /// <param name="forwarder">Creates the destination; its name must be unique.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="forwarder"/> is null.</exception>
    /// <remarks>Without <c>UseEntityFrameworkStores&lt;TContext&gt;()</c>, in any order with this call, the host fails to
    /// start with an <see cref="Microsoft.Extensions.Options.OptionsValidationException"/>.</remarks>
    public static IDataGuardBuilder ForwardAuditTo(this IDataGuardBuilder builder, Func<IServiceProvider, IAuditForwarder> forwarder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(forwarder);
        var services = builder.Services;
        StoreContextStartupCheck.Require(services, nameof(ForwardAuditTo), "Audit forwarding reads the audit trail from the store context: call " +
            "UseEntityFrameworkStores<TContext>() and AddAuditing() on the DataGuard builder.");
        services.AddSingleton(forwarder);
        // A forwarding factory: the hosted service is the one instance other services resolve by its type.
        services.TryAddSingleton<AuditForwardingService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AuditForwardingService>(
            static sp => sp.GetRequiredService<AuditForwardingService>()));
        return builder;
    }

    /// <summary>Forwards every audit entry as a structured <c>ILogger</c> event (event id 1500, each field a named
    /// property), so that Serilog or OpenTelemetry logging pipelines carry the audit trail.</summary>
    /// <param name="builder">The DataGuard builder, after <c>AddAuditing()</c>.</param>
    /// <param name="name">The destination's name (cursor and lease).</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IDataGuardBuilder ForwardAuditToLogger(this IDataGuardBuilder builder, string name = "logger")
    {
        var checkedName = CheckName(name);
        return builder.ForwardAuditTo(sp => new LoggerAuditForwarder(sp.GetRequiredService<ILogger<LoggerAuditForwarder>>(), checkedName));
    }

    /// <summary>Forwards every audit entry as a line of JSON to numbered files, starting a new file at a size limit.</summary>
    /// <param name="builder">The DataGuard builder, after <c>AddAuditing()</c>.</param>
    /// <param name="configure">Sets the folder (required) and the size limit.</param>
    /// <param name="name">The destination's name (cursor and lease).</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is null.</exception>
    /// <exception cref="ArgumentException">The options have no folder or a limit below 1,024 bytes.</exception>
    public static IDataGuardBuilder ForwardAuditToJsonLines(this IDataGuardBuilder builder, Action<JsonLinesForwarderOptions> configure, string name = "jsonl")
    {
        ArgumentNullException.ThrowIfNull(configure);
        var checkedName = CheckName(name);
        var options = new JsonLinesForwarderOptions();
        configure(options);
        if (string.IsNullOrWhiteSpace(options.Directory) || options.MaxFileBytes < 1024 || string.IsNullOrWhiteSpace(options.FilePrefix))
        {
            throw new ArgumentException(
                $"Audit forwarder '{name}': JSON Lines needs a Directory, a FilePrefix and a MaxFileBytes of at least 1,024.", nameof(configure));
        }

        return builder.ForwardAuditTo(_ => new JsonLinesAuditForwarder(checkedName, options));
    }

    /// <summary>Forwards batches of audit entries to an HTTPS endpoint, signed with HMAC-SHA256 and carrying idempotency
    /// keys (docs/operations.md shows how to verify them).</summary>
    /// <param name="builder">The DataGuard builder, after <c>AddAuditing()</c>.</param>
    /// <param name="configure">Sets the endpoint and the shared secret.</param>
    /// <param name="name">The destination's name (cursor and lease).</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is null.</exception>
    /// <exception cref="ArgumentException">The endpoint is missing or not HTTPS, or the secret is shorter than 32 characters.</exception>
    public static IDataGuardBuilder ForwardAuditToWebhook(this IDataGuardBuilder builder, Action<WebhookForwarderOptions> configure, string name = "webhook")
    {
        ArgumentNullException.ThrowIfNull(configure);
        var checkedName = CheckName(name);
        var options = new WebhookForwarderOptions();
        configure(options);
        if (WebhookAuditForwarder.Problem(options) is { } problem)
        {
            throw new ArgumentException($"Audit forwarder '{name}': the webhook {problem}.", nameof(configure));
        }

        return builder.ForwardAuditTo(sp => new WebhookAuditForwarder(checkedName, options, sp.GetRequiredService<TimeProvider>()));
    }

    /// <summary>Forwards every audit entry as an RFC 5424 syslog message over TCP (TLS by default), the common SIEM intake.</summary>
    /// <param name="builder">The DataGuard builder, after <c>AddAuditing()</c>.</param>
    /// <param name="configure">Sets the collector's host and port, TLS and facility.</param>
    /// <param name="name">The destination's name (cursor and lease).</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is null.</exception>
    /// <exception cref="ArgumentException">The host, port, facility or app name is invalid.</exception>
    public static IDataGuardBuilder ForwardAuditToSyslog(this IDataGuardBuilder builder, Action<SyslogForwarderOptions> configure, string name = "syslog")
    {
        ArgumentNullException.ThrowIfNull(configure);
        var checkedName = CheckName(name);
        var options = new SyslogForwarderOptions();
        configure(options);
        if (SyslogAuditForwarder.Problem(options) is { } problem)
        {
            throw new ArgumentException($"Audit forwarder '{name}': syslog {problem}.", nameof(configure));
        }

        return builder.ForwardAuditTo(_ => new SyslogAuditForwarder(checkedName, options));
    }

    private static string CheckName(string name)
        => string.IsNullOrEmpty(name)
            ? throw new ArgumentException("An audit forwarder needs a name.", nameof(name))
            : name.Length <= AuditForwardCursorRecord.MaxNameLength && name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? name
            : throw new ArgumentException($"Audit forwarder name '{name}' must have 1 to {AuditForwardCursorRecord.MaxNameLength} letters, digits, '.', '-' " +
                "or '_'.", nameof(name));
}
