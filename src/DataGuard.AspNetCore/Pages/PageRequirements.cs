using DataGuard.Consent;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Pages;

/// <summary>The services every set of DataGuard pages needs, checked when the pages are mapped.</summary>
internal static class PageRequirements
{
    public static void ThrowIfMissing(IServiceProvider services, string caller)
    {
        if (services.GetService<IServiceProviderIsService>() is not { } isService)
        {
            return;
        }

        if (!isService.IsService(typeof(IConsentService)))
        {
            throw new InvalidOperationException($"{caller} needs DataGuard's services: call services.AddDataGuard().UseEntityFrameworkStores<TContext>().");
        }

        if (!isService.IsService(typeof(IAntiforgery)))
        {
            throw new InvalidOperationException($"{caller} puts an antiforgery token in every form: call services.AddAntiforgery().");
        }
    }
}
