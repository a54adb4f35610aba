using DataGuard.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Tenants;

/// <summary>Resolves the request's tenant and runs the rest of the pipeline inside its <see cref="ITenantContext"/>
/// scope, or refuses the request.</summary>
internal sealed class TenantResolutionMiddleware(
    RequestDelegate next,
    IOptions<TenantResolutionOptions> options,
    ITenantContext tenants,
    ILogger<TenantResolutionMiddleware> logger)
{
    private readonly TenantResolutionOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        var resolution = TenantResolution.Resolve(context, _options.Sources);
        if (resolution.Outcome == TenantResolutionOutcome.Resolved)
        {
            TenantResolutionLog.Resolved(logger, resolution.Tenant!, resolution.Source!);
            using (tenants.Begin(resolution.Tenant!))
            {
                await next(context).ConfigureAwait(false);
            }

            return;
        }

        if (resolution.Outcome == TenantResolutionOutcome.None
            && (!_options.Required || context.GetEndpoint()?.Metadata.GetMetadata<AllowMissingTenantMetadata>() is not null))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        TenantResolutionLog.Refused(logger, resolution.Outcome, resolution.Source);
        await TenantProblems.For(resolution.Outcome, resolution.Source).ExecuteAsync(context).ConfigureAwait(false);
    }
}
