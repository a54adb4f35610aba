using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using DataGuard.Audit;
using DataGuard.EntityFrameworkCore.Retention;
using DataGuard.Keys;
using DataGuard.Subjects;
using DataGuard.Subjects.Packages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.EntityFrameworkCore.Subjects;

/// <summary>
/// Export and erasure over the store context. Export streams each entity's rows into its JSON file, keeping a bounded
/// number for the CSV file (or reading them again), inside one snapshot transaction where the database gives one cheaply.
/// Erasure counts every entity's rows of the subject before it writes anything, then works the entities dependents first
/// (rows that stay keep their principals) in one transaction, with set-based statements, and commits all or nothing.
/// </summary>
internal sealed partial class EntityFrameworkSubjectRightsService<TContext>(
    IServiceScopeFactory scopes,
    IOptionsMonitor<DataGuardOptions> options,
    TimeProvider time,
    IAuditTrail audit,
    ILogger<EntityFrameworkSubjectRightsService<TContext>> logger) : ISubjectRightsService
    where TContext : DbContext
{
    /// <summary>Rows of one entity kept in memory between its JSON and CSV files; more are read twice.</summary>
    private const int MaxBufferedRows = 1_000;

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
        var (targets, schema) = SubjectTarget.ForExport(context.Model);
        subject = Canonical(scope.ServiceProvider, subject);
        await using var package = new SubjectExportWriter(destination, subject, time.GetUtcNow(), schema, settings.SigningCertificate);
        long total = 0;
        // One snapshot for every entity where it is cheap (PostgreSQL: REPEATABLE READ takes no locks). On SQLite the only
        // transaction EF Core opens takes the database's write lock for the whole export, so each query reads its own
        // snapshot there; an entity read twice (more rows than the buffer) is checked to give the same count.
        var snapshot = IsSqlite(context) ? null : await context.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using (snapshot)
        {
            foreach (var target in targets)
            {
                var value = SubjectValue.Parse(target.SubjectType, subject.Value);
                total += await package.WriteEntityAsync(
                    target.Name,
                    target.Columns,
                    () => value is null ? AsyncEnumerable.Empty<object?[]>() : target.ExportAsync(context, value),
                    MaxBufferedRows,
                    cancellationToken).ConfigureAwait(false);
            }

            if (snapshot is not null)
            {
                await snapshot.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (settings.ExportConsents && scope.ServiceProvider.GetService<IConsentStore>() is { } consents)
        {
            var history = await consents.GetHistoryAsync(subject, cancellationToken).ConfigureAwait(false);
            await package.WriteDocumentAsync("consents.json", (json, _) => { WriteConsents(json, history); return Task.CompletedTask; }, cancellationToken).ConfigureAwait(false);
        }

        if (settings.ExportAuditTrail && scope.ServiceProvider.GetService<IAuditStore>() is { } auditStore)
        {
            await package.WriteDocumentAsync("audit.json", (json, ct) => WriteAuditAsync(json, auditStore, subject, ct), cancellationToken).ConfigureAwait(false);
        }

        var manifest = await package.CompleteAsync(cancellationToken).ConfigureAwait(false);
        LogExported(logger, targets.Count, total, settings.SigningCertificate is not null);
        await audit.RecordAsync(
            new AuditEvent(AuditActions.SubjectExported)
            {
                SubjectId = subject,
                Details = $"exported {total} rows of {targets.Count} entities in {manifest.Files.Count + 1} files{(settings.SigningCertificate is null ? "" : ", signed")}",
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
        using var internalStatements = DataGuard.EntityFrameworkCore.Audit.DataGuardStatements.Begin(); // its own audit entries
        var subject = Require(subjectId);
        var started = time.GetUtcNow();
        var dataGuard = options.CurrentValue;
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        var targets = DependentsFirst(SubjectTarget.For(context.Model));
        subject = Canonical(scope.ServiceProvider, subject);
        var subjectIds = scope.ServiceProvider.GetRequiredService<SubjectIdCanonicalizer>();

        // On SQLite: secure_delete for the erasure's connection, and after the commit the write-ahead log emptied.
        await using var scrub = await SqliteScrubber.BeginAsync(context, cancellationToken).ConfigureAwait(false);
        var strategy = context.Database.CreateExecutionStrategy();
        var entities = await strategy.ExecuteAsync(
            async ct =>
            {
                var reports = new List<ErasureEntityReport>();
                await using var transaction = await context.Database.BeginTransactionAsync(ct).ConfigureAwait(false);

                // Holds are read inside the transaction, so a hold placed before the erasure commits is not missed.
                var holds = await EntityFrameworkLegalHoldService<TContext>.ActiveAsync(context, ct).ConfigureAwait(false);
                // A hold stored under another spelling (placed before holds were canonical) still holds the subject.
                var subjectHolds = holds.Where(h => subjectIds.TryCanonicalize(h.SubjectId, out var held) && held == subject).ToList();
                List<LegalHoldRecord> HoldsOn(SubjectTarget target) =>
                    [.. subjectHolds, .. holds.Where(h => string.Equals(h.EntityType, target.Name, StringComparison.Ordinal))];

                // Every entity's rows are counted (and what holds and minimums keep) before the first statement changes
                // anything: every subject path is intact while they are read, and what one entity keeps is known to all.
                var steps = new List<ErasureStep>(targets.Count);
                foreach (var target in targets)
                {
                    steps.Add(await ErasureStep.ReadAsync(context, target, subject, HoldsOn(target), started, ct).ConfigureAwait(false));
                }

                // The subject's key is one for all of their rows: while any row is kept with its values (a retention
                // minimum, a hold), it must stay readable, so entities that would have been shredded are anonymised.
                var noShred = !dataGuard.Encryption.SubjectKeys ? SubjectKeysOff : steps.Any(static s => s.KeepsValues) ? KeyStillNeeded : null;
                var cascades = new List<ErasureEntityReport>();
                var left = new Dictionary<IEntityType, (long Rows, long WithValues)>();
                foreach (var step in steps)
                {
                    var entity = await EraseTargetAsync(context, step, left, noShred, started, cascades, ct).ConfigureAwait(false);
                    reports.Add(entity);
                    left[step.Target.EntityType] = (step.Total - entity.Deleted, entity.Kept);
                }

                // Rows the database deleted by cascade are reported after the entities worked, each under its own name.
                reports.AddRange(cascades);

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return reports;
            },
            cancellationToken).ConfigureAwait(false);

        // Only after the commit: a rolled-back erasure must leave the key, and shredding cannot be rolled back.
        var shred = entities.Any(static e => e.Shredded > 0);
        if (shred)
        {
            try
            {
                await scope.ServiceProvider.GetRequiredService<IKeyManager>().ShredAsync(subject, cancellationToken).ConfigureAwait(false);
            }
            catch (DatabaseResidueException)
            {
                // The key is destroyed; its copy in the write-ahead log is the erasure's own checkpoint's to clear below,
                // and the report says whether that worked.
            }
        }

        var restricted = entities.Any(static e => e.Kept > 0) && await RestrictAsync(scope.ServiceProvider, subject, cancellationToken).ConfigureAwait(false);
        var vacuumRan = dataGuard.SubjectRights.VacuumSqliteAfterErasure && await VacuumAsync(context, cancellationToken).ConfigureAwait(false);
        var scrubbed = await scrub.CompleteAsync(cancellationToken).ConfigureAwait(false);
        if (scrubbed == ScrubOutcome.CopiesMayRemain)
        {
            LogCopiesMayRemain(logger, SqliteScrubber.Attempts);
        }

        var report = new ErasureReport
        {
            SubjectId = subject, StartedAt = started, CompletedAt = time.GetUtcNow(), Entities = entities,
            KeyShredded = shred, Restricted = restricted,

            // VACUUM's rewrite passes through the write-ahead log: it only counts once the checkpoint emptied the log.
            Vacuumed = vacuumRan && scrubbed == ScrubOutcome.Scrubbed,
            Scrubbed = scrubbed == ScrubOutcome.Scrubbed,
        };
        LogErased(logger, entities.Count, report.Deleted, report.Anonymized, report.Shredded, report.Kept);
        foreach (var entity in entities.Where(static e => e.Deleted + e.Anonymized + e.Shredded + e.Kept > 0))
        {
            await audit.RecordAsync(
                new AuditEvent(AuditActions.SubjectErased) { SubjectId = subject, EntityType = entity.Entity, Details = $"{entity.Deleted} deleted, {entity.Anonymized} anonymised, {entity.Shredded} shredded, {entity.Kept} kept" },
                CancellationToken.None).ConfigureAwait(false);
        }

        await audit.RecordAsync(
            new AuditEvent(AuditActions.SubjectErased)
            {
                SubjectId = subject,
                Details = $"erasure of {entities.Count} entities: {report.Deleted} deleted, {report.Anonymized} anonymised, {report.Shredded} shredded, {report.Kept} kept{(shred ? "; subject key destroyed" : "")}{(restricted ? "; processing restricted" : "")}",
            },
            CancellationToken.None).ConfigureAwait(false);
        await RaiseErasedAsync(subject).ConfigureAwait(false);
        return report;
    }

    /// <summary>Tells DataGuard's listeners (the encrypted cache) that the subject's data is gone.</summary>
    private async Task RaiseErasedAsync(SubjectId subject)
    {
        using var scope = scopes.CreateScope();
        if (scope.ServiceProvider.GetService<DataGuard.Subjects.SubjectEvents>() is { } events)
        {
            await events.RaiseAsync(subject, DataGuard.Subjects.SubjectEvent.Erased, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private const string SubjectKeysOff = "subject keys are off (Encryption.SubjectKeys)";
    private const string KeyStillNeeded = "other rows of the subject are kept and stay encrypted under the subject's key";

    // noShred says why this erasure cannot shred (the action falls back to anonymise or delete); null when it can.
    // left holds, per entity already worked, the subject's rows still there and those of them kept with their values.
    private static async Task<ErasureEntityReport> EraseTargetAsync(DbContext context, ErasureStep step, Dictionary<IEntityType, (long Rows, long WithValues)> left, string? noShred, DateTimeOffset now, List<ErasureEntityReport> cascades, CancellationToken cancellationToken)
    {
        var target = step.Target;
        var action = target.Descriptor.Erasure;
        if (step.Value is not { } value || step.Total == 0)
        {
            return new ErasureEntityReport { Entity = target.Name, Action = action };
        }

        var reasons = new List<string>();
        if (step.Held > 0)
        {
            // The hold's reason is staff's free text (it may name people or cases), so the report, which the subject
            // receives, names the hold only.
            reasons.AddRange(step.Holds.Select(static h => $"legal hold {h.Id} ({(h.SubjectId is null ? "on the entity type" : "on the subject")})"));
            await target.ClearBlindIndexesAsync(context, value, null, cancellationToken).ConfigureAwait(false);
            return new ErasureEntityReport { Entity = target.Name, Action = action, Kept = step.Held, Reasons = reasons };
        }

        var keepFrom = step.KeepFrom;
        var kept = step.InsideMinimum;
        if (kept > 0 && target.Descriptor.Retention is { } minimum)
        {
            reasons.Add($"retention minimum ({minimum.LegalRequirement}): rows are kept until {minimum.Days} days after {minimum.From}");
            await target.ClearBlindIndexesAsync(context, value, keepFrom, cancellationToken).ConfigureAwait(false);
        }

        if (kept == step.Total)
        {
            return new ErasureEntityReport { Entity = target.Name, Action = action, Kept = kept, Reasons = reasons };
        }

        if (action == ErasureAction.Shred && noShred is not null)
        {
            action = target.Descriptor.Fields.Count > 0 ? ErasureAction.Anonymize : ErasureAction.Delete;
            reasons.Add($"{noShred}, so the rows were {(action == ErasureAction.Anonymize ? "anonymised" : "deleted")} instead of shredded");
        }

        if (action == ErasureAction.Delete && StayingDependents(target, left) is { Count: > 0 } dependents)
        {
            // Deleting would cascade to (or be refused by, or cut from the subject) rows that stay: kept, anonymised or
            // shredded ones, and the principals kept for them, up the whole chain of foreign keys.
            var anonymize = target.Descriptor.Fields.Count > 0;
            reasons.Add($"rows of {string.Join(", ", dependents)} that stay refer to these rows, so they were {(anonymize ? "anonymised instead of deleted" : "kept")}");
            if (!anonymize)
            {
                return new ErasureEntityReport { Entity = target.Name, Action = action, Kept = step.Total, Reasons = reasons };
            }

            action = ErasureAction.Anonymize;
        }

        if (action == ErasureAction.Delete)
        {
            // Before deleting: which rows still refer to these (rows erasure does not reach: other entities', other
            // subjects')? A cascade would delete them, so they are counted and reported; a foreign key that does not
            // cascade would make the database refuse, so the rows are anonymised or kept instead, with the reason.
            var (cascaded, restricting) = await ForeignKeyImpact.AnalyzeAsync(context, target.DeletableRows(context, value, keepFrom), target.EntityType, cancellationToken).ConfigureAwait(false);
            if (restricting.Count > 0)
            {
                var anonymize = target.Descriptor.Fields.Count > 0;
                reasons.Add($"rows of {string.Join(", ", restricting)} that this erasure does not delete refer to these rows through a foreign key that does not cascade, so they were {(anonymize ? "anonymised instead of deleted" : "kept")}");
                if (!anonymize)
                {
                    return new ErasureEntityReport { Entity = target.Name, Action = action, Kept = step.Total, Reasons = reasons };
                }

                action = ErasureAction.Anonymize;
            }
            else
            {
                var deleted = await target.DeleteAsync(context, value, keepFrom, cancellationToken).ConfigureAwait(false);
                foreach (var (entity, rows) in cascaded)
                {
                    cascades.Add(new ErasureEntityReport { Entity = entity, Action = ErasureAction.Delete, Deleted = rows, Reasons = [$"deleted by the database's cascade from {target.Name}"] });
                }

                return new ErasureEntityReport { Entity = target.Name, Action = action, Kept = kept, Reasons = reasons, Deleted = deleted };
            }
        }

        return action == ErasureAction.Anonymize
            ? new ErasureEntityReport { Entity = target.Name, Action = action, Kept = kept, Reasons = reasons, Anonymized = await target.AnonymizeAsync(context, value, keepFrom, now.UtcDateTime, cancellationToken).ConfigureAwait(false) }
            : new ErasureEntityReport { Entity = target.Name, Action = action, Kept = kept, Reasons = reasons, Shredded = await target.PrepareShredAsync(context, value, keepFrom, cancellationToken).ConfigureAwait(false) };
    }

    /// <summary>The entities already worked whose rows of the subject stay and refer to <paramref name="target"/>: through
    /// a foreign key that cascades or restricts, any row that stays (deleting the principal would delete it with the
    /// values the report says were kept or cleared, or the database would refuse); through a set-null one, rows kept
    /// with their values (deleting the principal would cut them from their subject: their path, or their own subject
    /// column, and with subject keys the key they are encrypted under).</summary>
    private static List<string> StayingDependents(SubjectTarget target, Dictionary<IEntityType, (long Rows, long WithValues)> left)
        => [.. target.EntityType.GetReferencingForeignKeys()
            .Where(fk => fk.DeclaringEntityType != target.EntityType && left.TryGetValue(fk.DeclaringEntityType, out var rows)
                && (fk.DeleteBehavior == DeleteBehavior.SetNull ? rows.WithValues : rows.Rows) > 0)
            .Select(static fk => fk.DeclaringEntityType.DisplayName())
            .Distinct(StringComparer.Ordinal)];

    /// <summary>Orders the targets so that an entity comes before every entity its foreign keys point to (children
    /// before parents); a cycle keeps the model's order for the entities on it.</summary>
    internal static List<SubjectTarget> DependentsFirst(IReadOnlyList<SubjectTarget> targets)
    {
        var ordered = new List<SubjectTarget>(targets.Count);
        var state = new Dictionary<SubjectTarget, bool>(); // false: visiting, true: done
        foreach (var target in targets.OrderBy(static t => t.Name, StringComparer.Ordinal))
        {
            Visit(target);
        }

        ordered.Reverse();
        return ordered;

        // Post-order over "is referenced by": a principal is added after... reversed, dependents come first.
        void Visit(SubjectTarget target)
        {
            if (state.ContainsKey(target))
            {
                return;
            }

            state[target] = false;
            foreach (var fk in target.EntityType.GetForeignKeys())
            {
                if (targets.FirstOrDefault(t => t.EntityType == fk.PrincipalEntityType) is { } principal && principal != target)
                {
                    Visit(principal);
                }
            }

            state[target] = true;
            ordered.Add(target);
        }
    }

    private static async Task<bool> RestrictAsync(IServiceProvider services, SubjectId subject, CancellationToken cancellationToken)
    {
        if (services.GetService<IConsentStore>() is null || services.GetService<IConsentService>() is not { } consents)
        {
            return false;
        }

        await consents.RestrictAsync(subject, new ConsentDetails { Source = "erasure", Actor = "DataGuard" }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> VacuumAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (!IsSqlite(context))
        {
            return false;
        }

        // VACUUM rewrites the file without the freed pages; in WAL mode the rewrite passes through the log, so the
        // scrubber's checkpoint afterwards copies it back and truncates the log to zero bytes (or reports it could not).
        // The erasure has committed: a VACUUM that another connection blocks must not turn it into a failure, only into
        // a report that says the file was not compacted.
        var previousTimeout = context.Database.GetCommandTimeout();
        context.Database.SetCommandTimeout(VacuumBusyTimeout);
        try
        {
            await context.Database.ExecuteSqlRawAsync("VACUUM", cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (ex.ErrorCode is SqliteBusy or SqliteLocked)
        {
            LogVacuumBlocked(logger, ex);
            return false;
        }
        finally
        {
            context.Database.SetCommandTimeout(previousTimeout);
        }

        LogVacuumed(logger);
        return true;
    }

    private static void WriteConsents(Utf8JsonWriter json, IReadOnlyList<ConsentRecord> history)
    {
        json.WriteStartArray();
        foreach (var record in history)
        {
            json.WriteStartObject();
            json.WriteString("purpose", record.Purpose);
            json.WriteString("kind", record.Kind.ToString());
            json.WriteString("recordedAt", record.RecordedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("noticeVersion", record.NoticeVersion);
            json.WriteString("expiresAt", record.ExpiresAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("source", record.Source);
            json.WriteString("evidence", record.Evidence);
            json.WriteString("actor", record.Actor);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static async Task WriteAuditAsync(Utf8JsonWriter json, IAuditStore store, SubjectId subject, CancellationToken cancellationToken)
    {
        json.WriteStartArray();
        long after = 0;
        while (true)
        {
            var page = await store.QueryAsync(new AuditQuery { SubjectId = subject, AfterSequence = after, PageSize = AuditQuery.MaxPageSize }, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page.Entries)
            {
                json.WriteStartObject();
                json.WriteNumber("sequence", entry.Sequence);
                json.WriteString("timestamp", entry.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                json.WriteString("action", entry.Action);
                json.WriteString("actor", entry.Actor);
                json.WriteString("entityType", entry.EntityType);
                json.WriteString("entityKey", entry.EntityKey);
                json.WriteString("purpose", entry.Purpose);
                json.WriteString("details", entry.Details);
                json.WriteStartArray("properties");
                foreach (var property in entry.Properties ?? [])
                {
                    json.WriteStringValue(property);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            await json.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (page.NextAfterSequence is not { } next)
            {
                break;
            }

            after = next;
        }

        json.WriteEndArray();
    }

    public async Task RectifyAsync(SubjectId subjectId, RectificationRequest request, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await SubjectAmendments.RectifyAsync(scope.ServiceProvider, Canonical(scope.ServiceProvider, Require(subjectId)), request, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> RestrictAsync(SubjectId subjectId, string? reason = null, CancellationToken cancellationToken = default)
        => AmendRestrictionAsync(Require(subjectId), reason, lift: false, cancellationToken);

    public Task<bool> LiftRestrictionAsync(SubjectId subjectId, string? reason = null, CancellationToken cancellationToken = default)
        => AmendRestrictionAsync(Require(subjectId), reason, lift: true, cancellationToken);

    private async Task<bool> AmendRestrictionAsync(SubjectId subjectId, string? reason, bool lift, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await SubjectAmendments.RestrictAsync(scope.ServiceProvider, Canonical(scope.ServiceProvider, subjectId), reason, lift, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Seconds Microsoft.Data.Sqlite keeps retrying a VACUUM that another connection's lock blocks.</summary>
    private const int VacuumBusyTimeout = 2;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    private static bool IsSqlite(DbContext context) => context.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>
    /// The model's one spelling of the subject id (a Guid in lower case with hyphens, numbers in invariant decimal):
    /// rows are found from the column's value, but subject keys, holds, consent records and audit entries are keyed by
    /// text, so "3BDB…" must become "3bdb…" before they are looked up. Text that cannot be a subject of the model is
    /// refused rather than answered with an empty export or erasure.
    /// </summary>
    private static SubjectId Canonical(IServiceProvider services, SubjectId subject)
        => services.GetRequiredService<SubjectIdCanonicalizer>().Canonicalize(subject, "subjectId");

    private static SubjectId Require(SubjectId subjectId)
        => subjectId == default ? throw new ArgumentException("The subject id is default(SubjectId).", nameof(subjectId)) : subjectId;

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "DataGuard exported a data subject: {Entities} entities, {Rows} rows, signed {Signed}")]
    private static partial void LogExported(ILogger logger, int entities, long rows, bool signed);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "DataGuard erased a data subject over {Entities} entities: {Deleted} deleted, {Anonymized} anonymised, {Shredded} shredded, {Kept} kept")]
    private static partial void LogErased(ILogger logger, int entities, long deleted, long anonymized, long shredded, long kept);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "DataGuard vacuumed the SQLite database after an erasure")]
    private static partial void LogVacuumed(ILogger logger);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "DataGuard could not vacuum the SQLite database after an erasure: another connection holds a lock; the erasure stands, the report says Vacuumed = false")]
    private static partial void LogVacuumBlocked(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "DataGuard erased a data subject, but the SQLite write-ahead log could not be emptied in {Attempts} attempts (another connection kept a read transaction open): erased values may remain in the -wal file until the next checkpoint; the erasure report says Scrubbed = false")]
    private static partial void LogCopiesMayRemain(ILogger logger, int attempts);
}
