namespace DataGuard.Tenants.Lifecycle;

/// <summary>The schedule of the tenant offboarding job (<c>AddTenantOffboardingJob(…)</c>), which calls
/// <see cref="ITenantLifecycle.OffboardDueAsync"/> when the host starts and then every <see cref="Interval"/>.</summary>
public sealed class TenantOffboardingJobOptions
{
    /// <summary>How often the job runs. Defaults to one day; must be positive and at most 49 days (the longest period a
    /// <see cref="PeriodicTimer"/> waits).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>When set, the job only plans and logs what it would offboard (events 1951 and 1952) and destroys nothing:
    /// start with it, read the log, then turn it off. Defaults to <see langword="false"/>.</summary>
    public bool DryRun { get; set; }
}
