using DataGuard.EFCore.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.DependencyInjection;

/// <summary>An options type with nothing in it, one named instance per feature that keeps its data in the store context
/// (<c>AddAuditing()</c>, <c>ForwardAuditTo…()</c>): validating it at start-up checks that
/// <c>UseEntityFrameworkStores&lt;TContext&gt;()</c> was called, in any order with the feature's own call.</summary>
internal sealed class StoreContextStartupCheck
{
    /// <summary>Checks at start-up that a store context is registered; <paramref name="failure"/> says what needs it.</summary>
    public static void Require(IServiceCollection services, string feature, string failure)
        => services.AddOptions<StoreContextStartupCheck>(feature)
            .Validate<IEnumerable<DataGuardStoreRegistration>>(static (_, stores) => stores.Any(), failure)
            .ValidateOnStart();
}
