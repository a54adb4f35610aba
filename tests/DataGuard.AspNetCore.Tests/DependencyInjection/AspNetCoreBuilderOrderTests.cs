using DataGuard.DependencyInjection;
using DataGuard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Tests.DependencyInjection;

/// <summary>DataGuard.AspNetCore's builder calls work in any order, with each other and with the core's.</summary>
public sealed class AspNetCoreBuilderOrderTests
{
    private static readonly (string Name, Action<IDataGuardBuilder> Call)[] Calls =
    [
        ("AddDataGuard", static b => b.Services.AddDataGuard(static o => o.Purposes.Add("news", notice: "1"))),
        ("AddMasking", static b => b.AddMasking(static o => o.Placeholder = "#")),
        ("AddResponseMasking", static b => b.AddResponseMasking(static o => o.RevealPolicy = "pii-reader")),
        ("AddDataSubjectEndpoints", static b => b.AddDataSubjectEndpoints(static o => o.ExportPermitLimit = 5)),
        ("AddExceptionProblemDetails", static b => b.AddExceptionProblemDetails()),
        ("AddTenantResolution", static b => b.AddTenantResolution(static o => o.FromHeader("X-Tenant"))),
    ];

    public static TheoryData<string, string> Pairs() => BuilderCallOrder.Pairs(Calls);

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Two_builder_calls_in_either_order_register_the_same_services(string first, string second)
    {
        Assert.Equal(Registrations(first, second), Registrations(second, first));
    }

    private static IReadOnlyList<string> Registrations(params string[] calls)
        => BuilderCallOrder.Registrations(Calls, new ServiceCollection(), calls);
}
