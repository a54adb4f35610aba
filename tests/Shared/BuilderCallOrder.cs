using DataGuard.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Testing;

/// <summary>
/// The builder-order check of every package: each pair of its builder calls, made in either order on a fresh
/// <c>AddDataGuard()</c>, registers the same services (compared with <see cref="ServiceRegistrations"/>).
/// </summary>
internal static class BuilderCallOrder
{
    /// <summary>Every pair of the calls' names, each pair once.</summary>
    public static TheoryData<string, string> Pairs(IReadOnlyList<(string Name, Action<IDataGuardBuilder> Call)> calls)
    {
        var pairs = new TheoryData<string, string>();
        for (var i = 0; i < calls.Count; i++)
        {
            for (var j = i + 1; j < calls.Count; j++)
            {
                pairs.Add(calls[i].Name, calls[j].Name);
            }
        }

        return pairs;
    }

    /// <summary>The registrations after <c>AddDataGuard()</c> and the named calls in the given order, on
    /// <paramref name="services"/> (which may hold what the application registers first).</summary>
    public static IReadOnlyList<string> Registrations(
        IReadOnlyList<(string Name, Action<IDataGuardBuilder> Call)> calls, IServiceCollection services, params string[] names)
    {
        var builder = services.AddDataGuard();
        foreach (var name in names)
        {
            calls.Single(c => c.Name == name).Call(builder);
        }

        return ServiceRegistrations.Describe(services);
    }
}
