using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
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
/// writer — who (actor), why (purpose), which subjects — instead of one row per entity. Subject ids are listed in
/// <see cref="AuditEntry.Details"/> as <c>subjects=,id1,id2,</c> (split over several entries past 3,500 characters),
/// and a single subject also fills <see cref="AuditEntry.SubjectId"/>. Entities are noted as EF Core creates them,
/// through an <see cref="EntityCreatedBinding"/> on the audited types only, so reads of other types cost nothing more.
/// </summary>
internal sealed class AuditReadInterceptor(IOptions<AuditOptions> options, AuditReadQueue queue, IAuditContext auditContext, TimeProvider time)
    : DbCommandInterceptor, IInstantiationBindingInterceptor, IAuditReadInterceptor
{
    private const int MaxDetails = 3500;
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
        var records = new List<AuditRecord>();
        var details = new StringBuilder();
        var inChunk = new List<string>();
        void Flush()
        {
            details.Append(',');
            records.Add(new AuditRecord(now, AuditActions.DataRead, auditContext.Actor, inChunk.Count == 1 ? inChunk[0] : null, entityTypes, null, properties, auditContext.Purpose, auditContext.CorrelationId,
                $"rows={reads.Rows}; subjects={details}"));
            details.Clear();
            inChunk.Clear();
        }

        foreach (var subject in reads.Subjects)
        {
            if (details.Length + subject.Length + 1 > MaxDetails)
            {
                Flush();
            }

            details.Append(',').Append(subject);
            inChunk.Add(subject);
        }

        if (inChunk.Count > 0 || records.Count == 0)
        {
            Flush();
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
