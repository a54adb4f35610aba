using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Retention;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>An application on <see cref="CareContext"/> (query filters, cascade and restrict foreign keys), wired as a
/// user would, on a fake clock.</summary>
internal sealed class CareHost : DataGuardTestHost<CareContext>
{
    public static readonly DateTimeOffset Now = Start;

    private CareHost(Parts parts)
        : base(parts)
    {
    }

    public ISubjectRightsService Subjects => Services.GetRequiredService<ISubjectRightsService>();

    public IRetentionService Retention => Services.GetRequiredService<IRetentionService>();

    public static Task<CareHost> StartAsync(Action<DbContextOptionsBuilder> database, Action<DataGuardOptions>? configure = null)
        => StartAsync(new Setup(database) { Configure = configure }, static parts => new CareHost(parts));
}
