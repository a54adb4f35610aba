using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Globalization;
using DataGuard.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using DataGuard.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;

namespace DataGuard.EntityFrameworkCore.Audit;

/// <summary>
/// Read-access audit: while a query's data reader is open, notes every materialised entity whose reads are audited
/// (its type, personal properties and subject); when the reader closes, hands one record per query to the background
/// writer — who (actor), why (purpose), which subjects — one entry per subject returned (each with its
/// <see cref="AuditEntry.SubjectId"/>, so the read is in that subject's audit and export) instead of one row per entity,
/// and one entry without a subject when the rows had none; <see cref="AuditEntry.Details"/> is <c>rows=N; subjects=M</c>. Entities are noted as EF Core creates them,
/// through an <see cref="EntityCreatedBinding"/> on the audited types only, so reads of other types cost nothing more.
/// </summary>
internal sealed class AuditReadInterceptor(IOptions<AuditOptions> options, AuditReadQueue queue, IAuditContext auditContext, TimeProvider time)
    : DbCommandInterceptor, IInstantiationBindingInterceptor, IAuditReadInterceptor
{
    private readonly ConditionalWeakTable<DbContext, ReadAccumulator> _reads = [];

    public InstantiationBinding ModifyBinding(InstantiationBindingInterceptionData interceptionData, InstantiationBinding binding)
    {
        if (interceptionData.TypeBase is not IEntityType entityType || Describe(entityType) is not { } type)
        {
            return binding;
        }

        return EntityCreatedBinding.Wrap(binding, type.Subject is { } subject ? [subject] : [], (entity, context) => Note(entity, context, type));
    }

    private void Note(object entity, DbContext context, ReadAuditedType type)
    {
        var reads = _reads.GetValue(context, static _ => new ReadAccumulator());
        reads.Rows++;
        reads.EntityTypes.Add(type.Name);
        foreach (var property in type.Properties)
        {
            reads.Properties.Add(property);
        }

        if (type.Subject is { } subject && subject.GetGetter().GetClrValueUsingContainingEntity(entity) is { } value)
        {
            reads.Subjects.Add(SubjectId.From(value).Value);
        }
    }

    public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        foreach (var record in Drain(eventData.Context))
        {
            queue.Enqueue(record);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        foreach (var record in Drain(eventData.Context))
        {
            await queue.EnqueueAsync(record, CancellationToken.None).ConfigureAwait(false);
        }

        return result;
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        // A reader disposed without being closed (an abandoned enumeration) still returned what it materialised.
        foreach (var record in Drain(eventData.Context))
        {
            queue.Enqueue(record);
        }

        return result;
    }

    private List<AuditRecord> Drain(DbContext? context)
    {
        if (context is null || !_reads.TryGetValue(context, out var reads))
        {
            return [];
        }

        _reads.Remove(context);
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

    /// <summary>The audited view of an entity type, or <see langword="null"/> when its reads are not audited. Asked once
    /// per type, when EF Core compiles its materializer.</summary>
    private ReadAuditedType? Describe(IEntityType entityType)
    {
        var settings = options.Value;
        var descriptor = entityType.HasSharedClrType ? null : entityType.Model.GetPersonalDataModel().Find(entityType.ClrType);
        var audited = descriptor is { HoldsPersonalData: true } && (settings.AuditAllReads || settings.AuditReadsOf.Contains(entityType.ClrType));
        return audited
            ? new ReadAuditedType(descriptor!.Name, descriptor.SubjectProperty is { } s ? entityType.FindProperty(s) : null, descriptor.Fields.Select(f => f.Name).ToArray())
            : null;
    }
}
