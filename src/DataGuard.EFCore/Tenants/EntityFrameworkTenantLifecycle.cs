using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using DataGuard.Audit;
using DataGuard.Subjects;
using DataGuard.Tenants;
using DataGuard.Tenants.Keys;
using DataGuard.Tenants.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataGuard.EFCore.Tenants;

/// <summary>
/// <see cref="ITenantLifecycle"/> over the store context: the contract ends in <c>DataGuardTenantContracts</c>, every step
/// inside the tenant's scope (so a database per tenant is the tenant's database), on a context of its own. Offboarding
/// plans again and compares before it changes anything, deletes rows and records in one transaction, then shreds the
/// tenant's key-encryption key and compacts the file (<see cref="TenantDestruction"/>), then signs and stores the report.
/// </summary>
internal sealed class EntityFrameworkTenantLifecycle<TContext>(
    IServiceScopeFactory scopes,
    ITenantContext tenants,
    TenantKeyShredder shredder,
    TenantOffboardingPlanner planner,
    TenantOffboardingEnvironment setup,
    ILogger<EntityFrameworkTenantLifecycle<TContext>> logger) : ITenantLifecycle
    where TContext : DbContext
{
    internal const string OffboardedAction = "tenant.offboarded";

    public async Task RecordContractEndAsync(string tenant, DateTimeOffset endsAt, CancellationToken cancellationToken = default)
    {
        TenantIds.Validate(tenant, nameof(tenant));
        using (tenants.Begin(tenant))
        {
            await using var scope = scopes.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            var row = await context.Set<TenantContractRow>().SingleOrDefaultAsync(r => r.TenantId == tenant, cancellationToken).ConfigureAwait(false);
            if (row?.OffboardedAt is not null)
            {
                throw new TenantOffboardingException(tenant, $"Tenant '{tenant}' was offboarded already; its contract end cannot change.");
            }

            if (row is null)
            {
                row = new TenantContractRow { TenantId = tenant };
                context.Add(row);
            }

            row.ContractEndsAt = endsAt.UtcDateTime;
            row.RecordedAt = setup.Time.GetUtcNow().UtcDateTime;
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            TenantOffboardingLog.ContractEndRecorded(logger, tenant, endsAt, endsAt + setup.Offboarding.CurrentValue.RetentionAfterContractEnd);
        }
    }

    public async Task<TenantOffboardingPlan> PlanOffboardingAsync(string tenant, CancellationToken cancellationToken = default)
    {
        TenantIds.Validate(tenant, nameof(tenant));
        using (tenants.Begin(tenant))
        {
            await using var scope = scopes.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            return await planner.PlanAsync(context, tenant, setup.Offboarding.CurrentValue, Certificate(), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<TenantOffboardingResult> OffboardAsync(TenantOffboardingPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var tenant = plan.Tenant;
        TenantIds.Validate(tenant, nameof(plan));
        using (tenants.Begin(tenant))
        {
            var settings = setup.Offboarding.CurrentValue;
            var started = setup.Time.GetUtcNow();
            Refuse(plan, started);
            await using var scope = scopes.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            var fresh = await planner.PlanAsync(context, tenant, settings, Certificate(), cancellationToken).ConfigureAwait(false);
            Refuse(fresh, started);
            if (!plan.SameAs(fresh) || fresh.KeyPlan is null)
            {
                throw new TenantOffboardingException(tenant, $"Tenant '{tenant}''s data or keys changed since the plan was made: plan again " +
                    "(ITenantLifecycle.PlanOffboardingAsync) and check the new plan before offboarding. Nothing was changed.");
            }

            // The archive is complete and verified before anything is destroyed; when it fails, nothing was changed.
            var archive = fresh.WritesHandoverArchive
                ? await HandoverAsync(scope.ServiceProvider, context, tenant, settings, cancellationToken).ConfigureAwait(false)
                : null;
            try
            {
                var destroyed = await TenantDestruction.RunAsync(context, tenant, settings, ShredAsync, logger, cancellationToken).ConfigureAwait(false);
                return await CompleteAsync(context, fresh, destroyed, started, archive).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not (TenantOffboardingException or OperationCanceledException))
            {
                TenantOffboardingLog.Failed(logger, tenant, ex);
                throw new TenantOffboardingException(tenant, $"Offboarding tenant '{tenant}' failed ({ex.GetType().Name}). The deletion of its rows and " +
                    "records is one transaction (rolled back when it failed); the key shredding and compaction after it may not have run. Plan and " +
                    "offboard again to finish.", ex);
            }
        }

        async Task<IReadOnlyList<int>> ShredAsync()
        {
            // Checked again: starting the transaction loads the tenant's key ring, which creates a first key for a tenant without one.
            var keys = await shredder.CheckAsync(tenant, CancellationToken.None).ConfigureAwait(false);
            await shredder.ShredAsync(keys, CancellationToken.None).ConfigureAwait(false);
            return keys.KeyEncryptionKeyIds;
        }
    }

    public async Task<IReadOnlyList<TenantOffboardingResult>> OffboardDueAsync(bool dryRun, CancellationToken cancellationToken = default)
    {
        if (tenants.Current is { } current)
        {
            throw new TenantOffboardingException(current, $"The scheduled offboarding run works at platform level, and tenant '{current}''s scope is " +
                "open on this flow: run it outside any tenant's scope.");
        }

        var due = await DueTenantsAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<TenantOffboardingResult>();
        foreach (var tenant in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var plan = await PlanOffboardingAsync(tenant, cancellationToken).ConfigureAwait(false);
            if (logger.IsEnabled(LogLevel.Information))
            {
                var (disposal, entities, store) = (Disposal(plan.Rows), Describe(plan.Entities), Describe(plan.StoreRecords));
                TenantOffboardingLog.Planned(logger, tenant, dryRun, plan.KeyEncryptionKeyIds.Count, plan.TenantKeyCount, disposal, entities, store);
            }

            if (!plan.CanOffboard)
            {
                TenantOffboardingLog.Blocked(logger, tenant, string.Join(" ", plan.Blockers));
            }
            else if (!dryRun)
            {
                try
                {
                    results.Add(await OffboardAsync(plan, cancellationToken).ConfigureAwait(false));
                }
                catch (TenantOffboardingException ex)
                {
                    TenantOffboardingLog.Failed(logger, tenant, ex);
                }
            }
        }

        return results;
    }

    private async Task<List<string>> DueTenantsAsync(CancellationToken cancellationToken)
    {
        var cutoff = (setup.Time.GetUtcNow() - setup.Offboarding.CurrentValue.RetentionAfterContractEnd).UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        return await context.Set<TenantContractRow>().AsNoTracking()
            .Where(r => r.OffboardedAt == null && r.ContractEndsAt <= cutoff)
            .OrderBy(r => r.TenantId)
            .Select(r => r.TenantId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task<ExportFile> HandoverAsync(
        IServiceProvider services, TContext context, string tenant, TenantOffboardingOptions settings, CancellationToken cancellationToken)
    {
        var subjectRights = setup.DataGuard.CurrentValue.SubjectRights;
        var export = new SubjectRightsOptions
        {
            SigningCertificate = Certificate(), ExportConsents = subjectRights.ExportConsents, ExportAuditTrail = subjectRights.ExportAuditTrail,
        };
        return new TenantHandoverExport(services, context, export, setup.Time)
            .WriteAsync(tenant, settings.HandoverArchiveDirectory!, logger, cancellationToken);
    }

    private async Task<TenantOffboardingResult> CompleteAsync(
        TContext context, TenantOffboardingPlan plan, TenantDestruction destroyed, DateTimeOffset started, ExportFile? archive)
    {
        var audited = setup.Audit is not NullAuditTrail;
        var report = TenantOffboardingReports.Create(plan, destroyed, (started, setup.Time.GetUtcNow()), audited, archive);
        var json = report.ToJson();
        var signature = report.Sign(Certificate()!);
        context.ChangeTracker.Clear();
        var row = await context.Set<TenantContractRow>().SingleAsync(r => r.TenantId == plan.Tenant).ConfigureAwait(false);
        row.OffboardedAt = report.CompletedAt.UtcDateTime;
        row.Report = json;
        row.ReportSignature = signature;
        await context.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
        var storeRecords = report.StoreRecords.Sum(static s => s.Rows);
        TenantOffboardingLog.Offboarded(logger, plan.Tenant, report.ShreddedKeyEncryptionKeyIds.Count, report.TotalRows, Disposal(report.Rows), storeRecords);
        await setup.Audit.RecordAsync(
            new AuditEvent(OffboardedAction)
            {
                Details = $"tenant '{plan.Tenant}' offboarded: {report.ShreddedKeyEncryptionKeyIds.Count} key-encryption keys shredded, {report.TotalRows} " +
                    $"rows {Disposal(report.Rows)}, {storeRecords} DataGuard records deleted",
            },
            CancellationToken.None).ConfigureAwait(false);
        return new TenantOffboardingResult(report, json, signature);
    }

    private static void Refuse(TenantOffboardingPlan plan, DateTimeOffset now)
    {
        if (!plan.CanOffboard)
        {
            throw new TenantOffboardingException(plan.Tenant, $"Offboarding tenant '{plan.Tenant}' is refused: {string.Join(" ", plan.Blockers)} " +
                "Nothing was changed.");
        }

        if (now - plan.PlannedAt > TenantOffboardingPlan.Lifetime || now < plan.PlannedAt)
        {
            throw new TenantOffboardingException(plan.Tenant, $"The plan for tenant '{plan.Tenant}' is older than " +
                $"{TenantOffboardingPlan.Lifetime.TotalMinutes:0} minutes: plan again before offboarding. Nothing was changed.");
        }
    }

    private X509Certificate2? Certificate()
        => setup.Offboarding.CurrentValue.SigningCertificate ?? setup.DataGuard.CurrentValue.SubjectRights.SigningCertificate;

    private static string Disposal(TenantRowDisposal rows) => rows == TenantRowDisposal.Delete ? "deleted" : "left unreadable";

    private static string Describe(IEnumerable<TenantOffboardingCount> counts)
        => string.Join(", ", counts.Select(static c => string.Create(CultureInfo.InvariantCulture, $"{c.Name} {c.Rows}")));
}
