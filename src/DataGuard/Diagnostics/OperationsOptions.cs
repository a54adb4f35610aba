using DataGuard.Forwarding;
using DataGuard.Retention;
using Microsoft.Extensions.Options;

namespace DataGuard.Diagnostics;

/// <summary>Settings of DataGuard's health checks (<c>AddDataGuardChecks()</c>) and audit forwarding, in
/// <see cref="DataGuardOptions.Operations"/>.</summary>
public sealed class OperationsOptions
{
    /// <summary>How old the last successful verification of the audit chain may be before the audit health check
    /// verifies the chain again (a full, streaming pass). Defaults to one hour; at least one second.</summary>
    public TimeSpan AuditVerificationMaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after the retention job's last successful run (or the host's start, before the first) the
    /// retention health check reports Degraded; Unhealthy after twice as long. When not set, three times
    /// <see cref="RetentionOptions.Interval"/>.</summary>
    public TimeSpan? RetentionRunMaxAge { get; set; }

    /// <summary>A subject request due within this time makes the requests health check report Degraded (an overdue one
    /// makes it Unhealthy). Defaults to three days; zero turns the warning off.</summary>
    public TimeSpan RequestDueWarning { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How audit entries are forwarded to the destinations added with <c>ForwardAuditTo…()</c>.</summary>
    [ValidateObjectMembers]
    public Forwarding.AuditForwardingOptions Forwarding { get; } = new();
}
