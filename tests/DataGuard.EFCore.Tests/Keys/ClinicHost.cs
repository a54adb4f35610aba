using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Keys;
using DataGuard.Retention;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>An application with subject keys on, wired as a user would, on a fake clock; its audit trail and SQL are
/// recorded.</summary>
internal sealed class ClinicHost : DataGuardTestHost<ClinicContext>
{
    private ClinicHost(Parts parts)
        : base(parts)
    {
    }

    public IKeyManager Keys => Services.GetRequiredService<IKeyManager>();

    public IRetentionService Retention => Services.GetRequiredService<IRetentionService>();

    /// <summary>Queries that read subject keys (not the ring's keys, which an instance reads ordered by id, once).</summary>
    public int SubjectKeyReads
        => Commands.Commands.Count(static c => c.StartsWith("SELECT", StringComparison.Ordinal) && c.Contains("FROM \"DataGuardKeys\"",
            StringComparison.Ordinal) && !c.Contains("ORDER BY", StringComparison.Ordinal));

    public static Task<ClinicHost> StartAsync(Action<DbContextOptionsBuilder> database, IDataProtectionProvider dataProtection, bool create = true,
        Action<DataGuardOptions>? configure = null)
        => StartAsync(Setup.WithSubjectKeys(database, dataProtection, create, configure), static parts => new ClinicHost(parts));
}
