using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.EFCore.Infrastructure;
using DataGuard.EFCore.Model;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Audit;

/// <summary>
/// Read-access audit: while a query's data reader is open, notes every materialised entity whose reads are audited
/// (its type, personal properties and subject); when the reader closes, hands one record per query to the background
/// writer — who (actor), why (purpose), which subjects — one entry per subject returned (each with its
/// <see cref="AuditEntry.SubjectId"/>, so the read is in that subject's audit and export) instead of one row per entity,
/// and one entry without a subject when the rows had none; rows reached through a subject path are audited with the
/// subject at the end of their path, read by key when the reader closes; <see cref="AuditEntry.Details"/> is <c>rows=N; subjects=M</c>. Entities are noted as
/// EF Core creates them,
/// through an <see cref="EntityCreatedBinding"/> on the audited types only, so reads of other types cost nothing more.
/// </summary>
internal sealed class AuditReadInterceptor(
    IOptions<AuditOptions> options,
    AuditReadQueue queue,
    IAuditContext auditContext,
    TimeProvider time,
    ILogger<AuditReadInterceptor> logger)
    : DbCommandInterceptor, IInstantiationBindingInterceptor, IAuditReadInterceptor
{
    private readonly ConditionalWeakTable<DbContext, ReadAccumulator> _reads = [];

    public InstantiationBinding ModifyBinding(InstantiationBindingInterceptionData interceptionData, InstantiationBinding binding)
    {
        if (interceptionData.TypeBase is not IEntityType entityType || Describe(entityType) is not { } type)
        {
            return binding;
        }

        return EntityCreatedBinding.Wrap(binding, type.Subject is { } subject ? [subject] : type.Key ?? [], (entity, context) => Note(entity, context, type));
    }

    private void Note(object entity, DbContext context, ReadAuditedType type)
    {
        var reads = _reads.GetValue(context, static _ => new ReadAccumulator());
        reads.EntityTypes.Add(type.Name);
        foreach (var property in type.Properties)
        {
            reads.Properties.Add(property);
        }

        if (type.Owned)
        {
            return; // part of its owner's row, which counts the row and carries the subject
        }

        reads.Rows++;
        if (type.Subject is { } subject && subject.GetGetter().GetClrValueUsingContainingEntity(entity) is { } value)
        {
            reads.Subjects.Add(SubjectId.From(value).Value);
        }
        else if (type.Key is { } key)
        {
            object? id;
            if (key.Count == 1)
            {
                id = key[0].GetGetter().GetClrValueUsingContainingEntity(entity);
            }
            else
            {
                var values = new object[key.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = key[i].GetGetter().GetClrValueUsingContainingEntity(entity)!;
                }

                id = new CompositeKey(values);
            }

            if (id is not null)
            {
                reads.PathKeys ??= [];
                if (!reads.PathKeys.TryGetValue(type, out var keys))
                {
                    reads.PathKeys[type] = keys = [];
                }

                keys.Add(id);
            }
        }
    }

    public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        foreach (var record in AuditSync.Run(Drain(eventData.Context, AuditDbCalls.Sync)))
        {
            queue.Enqueue(record);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult> DataReaderClosingAsync(
        DbCommand command,
        DataReaderClosingEventData eventData,
        InterceptionResult result)
    {
        foreach (var record in await Drain(eventData.Context, AuditDbCalls.Async).ConfigureAwait(false))
        {
            await queue.EnqueueAsync(record, CancellationToken.None).ConfigureAwait(false);
        }

        return result;
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        // A reader disposed without being closed (an abandoned enumeration) still returned what it materialised.
        foreach (var record in AuditSync.Run(Drain(eventData.Context, AuditDbCalls.Sync)))
        {
            queue.Enqueue(record);
        }

        return result;
    }

    private async ValueTask<List<AuditRecord>> Drain(DbContext? context, AuditDbCalls calls)
    {
        if (context is null || !_reads.TryGetValue(context, out var reads))
        {
            return [];
        }

        _reads.Remove(context);
        if (reads.PathKeys is not null)
        {
            await ReadPathSubjects(context, reads, calls).ConfigureAwait(false);
        }

        var now = AuditChain.Truncate(time.GetUtcNow());
        var entityTypes = string.Join(',', reads.EntityTypes);
        var properties = reads.Properties.Count == 0 ? null : reads.Properties.ToArray();
        var details = string.Create(CultureInfo.InvariantCulture, $"rows={reads.Rows}; subjects={reads.Subjects.Count}");
        var (actor, purpose, correlationId) = (auditContext.Actor, auditContext.Purpose, auditContext.CorrelationId);

        // One entry per subject, so the read is in each subject's audit query and export, and no entry names another
        // subject (a subject's export must not disclose who else was read with them).
        var records = new List<AuditRecord>(Math.Max(1, reads.Subjects.Count));
        foreach (var subject in reads.Subjects)
        {
            records.Add(new AuditRecord(now, AuditActions.DataRead, actor, subject, entityTypes, null, properties, purpose, correlationId, details));
        }

        if (records.Count == 0)
        {
            records.Add(new AuditRecord(now, AuditActions.DataRead, actor, null, entityTypes, null, properties, purpose, correlationId, details));
        }

        return records;
    }

    /// <summary>
    /// Reads the subjects of the rows reached through a subject path, by their keys, one query per entity type and batch
    /// of keys (<see cref="AuditSubjectPathLookup"/>). The query's own connection is still reading, so the lookup runs on
    /// a context of the same type from the application's services (its own connection). When none can be resolved or
    /// the lookup fails, the read is still audited, without those subjects, and a warning says so.
    /// </summary>
    private async ValueTask ReadPathSubjects(DbContext context, ReadAccumulator reads, AuditDbCalls calls)
    {
        var factory = context.GetService<IDbContextOptions>()
            .FindExtension<DataGuardOptionsExtension>()?.ApplicationServices.GetService<IServiceScopeFactory>();
        var scope = factory?.CreateAsyncScope();
        try
        {
            var lookupContext = scope?.ServiceProvider.GetService(context.GetType()) as DbContext;
            foreach (var (type, keys) in reads.PathKeys!)
            {
                if (lookupContext is null)
                {
                    AuditLog.ReadSubjectPathFailed(logger, null, keys.Count, type.Name, context.GetType().Name);
                    continue;
                }

                try
                {
                    var found = await type.PathLookup!.LookupAsync(lookupContext, [.. keys], calls, CancellationToken.None).ConfigureAwait(false);
                    foreach (var subject in found.Values)
                    {
                        if (subject is not null)
                        {
                            reads.Subjects.Add(subject);
                        }
                    }
                }
#pragma warning disable CA1031 // a read is never lost: it is audited without the subjects that could not be read
                catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
                {
                    AuditLog.ReadSubjectPathFailed(logger, ex, keys.Count, type.Name, context.GetType().Name);
                }
            }
        }
        finally
        {
            if (scope is { } s)
            {
                await calls.DisposeAsync(s).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The audited view of an entity type, or <see langword="null"/> when its reads are not audited. Asked once
    /// per type, when EF Core compiles its materializer. An owned type is audited with its owner.</summary>
    private ReadAuditedType? Describe(IEntityType entityType)
    {
        var settings = options.Value;
        var descriptor = PersonalEntityLookup.Find(entityType.Model.GetPersonalDataModel(), entityType);
        var owner = PersonalEntityLookup.OutermostOwner(entityType);
        var audited = descriptor is { HoldsPersonalData: true }
            && (settings.AuditAllReads
                || settings.AuditReadsOf.Contains(entityType.ClrType)
                || (owner != entityType && settings.AuditReadsOf.Contains(owner.ClrType)));
        if (!audited)
        {
            return null;
        }

        var properties = descriptor!.Fields.Select(static f => f.Name).ToArray();
        if (descriptor.SubjectProperty is { } subject)
        {
            return new ReadAuditedType(descriptor.Name, entityType.FindProperty(subject), properties);
        }

        if (AuditSubjectPath.Of(entityType, descriptor) is { } path && entityType.FindPrimaryKey() is { } key
            && key.Properties.All(static p => p.PropertyInfo is not null || p.FieldInfo is not null))
        {
            return new ReadAuditedType(descriptor.Name, null, properties) { Key = key.Properties, PathLookup = path.LookupFromEntity(key) };
        }

        return new ReadAuditedType(descriptor.Name, null, properties) { Owned = entityType.IsOwned() && !descriptor.IsReachableBySubject };
    }
}
