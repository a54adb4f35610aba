using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Diagnostics;
using DataGuard.EFCore.Audit;
using DataGuard.EFCore.Infrastructure;
using DataGuard.EFCore.Retention;
using DataGuard.Keys;
using DataGuard.Model;
using DataGuard.Subjects;
using DataGuard.Subjects.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Subjects;

/// <summary>
/// The subject rights over the store context, each in a scope of its own. Export: <see cref="SubjectExporter"/>.
/// Erasure: <see cref="SubjectErasure{TContext}"/> counts every entity's rows of the subject before it writes anything,
/// then decides (<see cref="ErasureDecider"/>) and works (<see cref="ErasureExecutor"/>) the entities dependents first
/// (rows that stay keep their principals) in one transaction, with set-based statements, and commits all or nothing;
/// after the commit the subject's key is destroyed where rows were shredded, and on SQLite the files are scrubbed
/// (<see cref="SqliteScrubber"/>, <see cref="SqliteVacuum"/>). Rectification and restriction:
/// <see cref="SubjectAmendments"/>.
/// </summary>
internal sealed class EntityFrameworkSubjectRightsService<TContext>(
    IServiceScopeFactory scopes,
    IOptionsMonitor<DataGuardOptions> options,
    TimeProvider time,
    IAuditTrail audit,
    ILogger<EntityFrameworkSubjectRightsService<TContext>> logger) : ISubjectRightsService
    where TContext : DbContext
{
    public async Task ExportAsync(SubjectId subjectId, Stream destination, CancellationToken cancellationToken = default)
    {
        using var activity = DataGuard.Diagnostics.DataGuardActivitySource.Start(DataGuard.Diagnostics.DataGuardActivitySource.Export);
        var subject = Require(subjectId);
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The destination stream is not writable.", nameof(destination));
        }

        var settings = options.CurrentValue.SubjectRights;
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        RequireTenant(context);
        subject = Canonical(scope.ServiceProvider, subject);
        var exported = await new SubjectExporter(
            scope.ServiceProvider, context, settings, time).WriteAsync(subject, destination, cancellationToken).ConfigureAwait(false);
        SubjectRightsLog.LogExported(logger, exported.Entities, exported.Rows, settings.SigningCertificate is not null);
        await audit.RecordAsync(
            new AuditEvent(AuditActions.SubjectExported)
            {
                SubjectId = subject,
                Details = $"exported {exported.Rows} rows of {exported.Entities} entities in {exported.Files} " +
                    $"files{(settings.SigningCertificate is null ? "" : ", signed")}",
            },
            CancellationToken.None).ConfigureAwait(false);
    }

    public async Task<ExportVerificationResult> VerifyAsync(Stream package, ExportTrust trust, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trust);
        if (trust.ExpectedSubject is { } expected)
        {
            // The manifest holds the model's spelling; the caller may hold another ("{3BDB…}").
            await using var scope = scopes.CreateAsyncScope();
            trust = trust.WithExpectedSubject(Canonical(scope.ServiceProvider, expected));
        }

        return await SubjectExportPackage.VerifyAsync(package, trust.WithDefaultTime(time), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<ErasureReport> EraseAsync(SubjectId subjectId, CancellationToken cancellationToken = default)
    {
        using var activity = DataGuard.Diagnostics.DataGuardActivitySource.Start(DataGuard.Diagnostics.DataGuardActivitySource.Erase);
        using var internalStatements = DataGuard.EFCore.Audit.DataGuardStatements.Begin(); // its own audit entries
        var subject = Require(subjectId);
        var started = time.GetUtcNow();
        var dataGuard = options.CurrentValue;
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var context = services.GetRequiredService<TContext>();
        RequireTenant(context);
        var targets = ErasureOrder.DependentsFirst(SubjectTarget.For(context.Model));
        subject = Canonical(services, subject);
        var erasure = new SubjectErasure<TContext>(context, subject, services.GetRequiredService<SubjectIdCanonicalizer>(), started);

        // On SQLite: secure_delete for the erasure's connection, and after the commit the write-ahead log emptied.
        await using var scrub = await SqliteScrubber.BeginAsync(context, cancellationToken).ConfigureAwait(false);
        var entities = await erasure.RunAsync(targets, dataGuard.Encryption.SubjectKeys, cancellationToken).ConfigureAwait(false);

        // Only after the commit: a rolled-back erasure must leave the key, and shredding cannot be rolled back.
        var shred = entities.Any(static e => e.Shredded > 0);
        if (shred)
        {
            await ShredKeyAsync(services, subject, cancellationToken).ConfigureAwait(false);
        }

        var restricted = entities.Any(static e => e.Kept > 0) && await RestrictProcessingAsync(services, subject, cancellationToken).ConfigureAwait(false);
        var vacuumRan = dataGuard.SubjectRights.VacuumSqliteAfterErasure
            && await SqliteVacuum.RunAsync(context, logger, cancellationToken).ConfigureAwait(false);
        var scrubbed = await scrub.CompleteAsync(cancellationToken).ConfigureAwait(false);
        if (scrubbed == ScrubOutcome.CopiesMayRemain)
        {
            SubjectRightsLog.LogCopiesMayRemain(logger, SqliteScrubber.Attempts);
        }

        var report = new ErasureReport
        {
            SubjectId = subject, StartedAt = started, CompletedAt = time.GetUtcNow(), Entities = entities,
            KeyShredded = shred, Restricted = restricted,

            // VACUUM's rewrite passes through the write-ahead log: it only counts once the checkpoint emptied the log.
            Vacuumed = vacuumRan && scrubbed == ScrubOutcome.Scrubbed,
            Scrubbed = scrubbed == ScrubOutcome.Scrubbed,
        };
        await ErasureAudit.RecordAsync(audit, logger, report).ConfigureAwait(false);
        await RaiseErasedAsync(subject).ConfigureAwait(false);
        return report;
    }

    public async Task RectifyAsync(SubjectId subjectId, RectificationRequest request, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        RequireTenant(scope.ServiceProvider.GetRequiredService<TContext>());
        await SubjectAmendments.RectifyAsync(
            scope.ServiceProvider, Canonical(scope.ServiceProvider, Require(subjectId)), request, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> RestrictAsync(SubjectId subjectId, string? reason = null, CancellationToken cancellationToken = default)
        => AmendRestrictionAsync(Require(subjectId), reason, lift: false, cancellationToken);

    public Task<bool> LiftRestrictionAsync(SubjectId subjectId, string? reason = null, CancellationToken cancellationToken = default)
        => AmendRestrictionAsync(Require(subjectId), reason, lift: true, cancellationToken);

    private async Task<bool> AmendRestrictionAsync(SubjectId subjectId, string? reason, bool lift, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await SubjectAmendments.RestrictAsync(
            scope.ServiceProvider, Canonical(scope.ServiceProvider, subjectId), reason, lift, cancellationToken).ConfigureAwait(false);
    }

    private static async Task ShredKeyAsync(IServiceProvider services, SubjectId subject, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<IKeyManager>().ShredAsync(subject, cancellationToken).ConfigureAwait(false);
        }
        catch (DatabaseResidueException)
        {
            // The key is destroyed; its copy in the write-ahead log is the erasure's own checkpoint's to clear, and the
            // report says whether that worked.
        }
    }

    /// <summary>Rows kept with the subject's data: processing is restricted where a consent service can record it.</summary>
    private static async Task<bool> RestrictProcessingAsync(IServiceProvider services, SubjectId subject, CancellationToken cancellationToken)
    {
        if (services.GetService<IConsentStore>() is null || services.GetService<IConsentService>() is not { } consents)
        {
            return false;
        }

        await consents.RestrictAsync(subject, new ConsentDetails { Source = "erasure", Actor = "DataGuard" }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Tells DataGuard's listeners (the encrypted cache) that the subject's data is gone.</summary>
    private async Task RaiseErasedAsync(SubjectId subject)
    {
        using var scope = scopes.CreateScope();
        if (scope.ServiceProvider.GetService<DataGuard.Subjects.Events.SubjectEvents>() is { } events)
        {
            await events.RaiseAsync(subject, DataGuard.Subjects.Events.SubjectEvent.Erased, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The model's one spelling of the subject id (a Guid in lower case with hyphens, numbers in invariant decimal):
    /// rows are found from the column's value, but subject keys, holds, consent records and audit entries are keyed by
    /// text, so "3BDB…" must become "3bdb…" before they are looked up. Text that cannot be a subject of the model is
    /// refused rather than answered with an empty export or erasure.
    /// </summary>
    private static SubjectId Canonical(IServiceProvider services, SubjectId subject)
        => services.GetRequiredService<SubjectIdCanonicalizer>().Canonicalize(subject, "subjectId");

    /// <summary>A subject of a tenant entity is found only inside its tenant's scope: refused before anything is read.</summary>
    private static void RequireTenant(TContext context)
        => TenantScoping.Require(context, SubjectTarget.For(context.Model).Select(static t => t.EntityType));

    private static SubjectId Require(SubjectId subjectId)
        => subjectId == default ? throw new ArgumentException("The subject id is default(SubjectId).", nameof(subjectId)) : subjectId;
}
