using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace DataGuard.EFCore.Audit;

/// <summary>
/// Audits <c>ExecuteUpdate</c> and <c>ExecuteDelete</c> on entities with personal data, which bypass SaveChanges: after
/// the statement ran, one entry records the statement kind (<see cref="AuditActions.EntitiesBulkUpdated"/> or
/// <see cref="AuditActions.EntitiesBulkDeleted"/>), the entity type, the personal properties concerned and the number
/// of rows the database reported (<c>rows=N</c> in the details) — one entry per subject when the statement's filter
/// names subjects by parameter (<c>Where(c =&gt; c.Id == id)</c>, <c>ids.Contains(c.Id)</c>), so it is in each of
/// their audits. Inside a transaction on the context the entries are appended in it (and roll back with it);
/// otherwise in a transaction of their own right after the statement. The statement is recognised from its SQL, which
/// EF Core generates as <c>UPDATE table AS alias …</c> / <c>DELETE FROM table AS alias …</c>; statements of
/// SaveChanges (audited entity by entity) and of DataGuard's own jobs (<see cref="DataGuardStatements"/>, which
/// record their own entries) are skipped.
/// </summary>
internal sealed class BulkStatementAuditInterceptor(IAuditContext auditContext, TimeProvider time, EntityFrameworkAuditTrail trail) : DbCommandInterceptor
{
    private readonly ConditionalWeakTable<IModel, BulkTarget[]> _targets = [];

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        AuditSync.Run(Record(command, eventData.Context, result, AuditDbCalls.Sync, CancellationToken.None));
        return result;
    }

    public override async ValueTask<int> NonQueryExecutedAsync(
        DbCommand command,
        CommandExecutedEventData eventData,
        int result,
        CancellationToken cancellationToken = default)
    {
        await Record(command, eventData.Context, result, AuditDbCalls.Async, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async ValueTask Record(DbCommand command, DbContext? context, int rows, AuditDbCalls calls, CancellationToken cancellationToken)
    {
        if (context is null || DataGuardStatements.IsInternal || AuditSavingContexts.IsSaving(context))
        {
            return;
        }

        var text = command.CommandText.AsSpan().TrimStart();
        var action = text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) ? AuditActions.EntitiesBulkUpdated
            : text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) ? AuditActions.EntitiesBulkDeleted
            : null;
        if (action is null)
        {
            return;
        }

        var sql = command.CommandText;
        var target = _targets.GetValue(context.Model, _ => Targets(context)).FirstOrDefault(t => sql.Contains(t.TableAs, StringComparison.Ordinal));
        if (target is null)
        {
            return;
        }

        var now = AuditChain.Truncate(time.GetUtcNow());
        var details = string.Create(CultureInfo.InvariantCulture, $"rows={rows}");
        var subjects = target.Subjects(command);
        var records = new List<AuditRecord>(Math.Max(1, subjects.Count));
        foreach (var subject in subjects)
        {
            records.Add(new AuditRecord(
                now, action, auditContext.Actor, subject, target.Name, null, target.Properties, auditContext.Purpose, auditContext.CorrelationId, details));
        }

        if (records.Count == 0)
        {
            records.Add(new AuditRecord(
                now, action, auditContext.Actor, null, target.Name, null, target.Properties, auditContext.Purpose, auditContext.CorrelationId, details));
        }

        if (context.Database.CurrentTransaction is not null)
        {
            await AuditChainAppender.AppendAsync(context, records, calls, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await trail.AppendAsync(records, calls, cancellationToken).ConfigureAwait(false);
        }
    }

    private static BulkTarget[] Targets(DbContext context)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var personal = context.Model.GetPersonalDataModel();
        var targets = new List<BulkTarget>();
        foreach (var entityType in context.Model.GetEntityTypes())
        {
            if (entityType.HasSharedClrType
                || entityType.GetTableName() is not { } table
                || personal.Find(entityType.ClrType) is not { HoldsPersonalData: true } descriptor)
            {
                continue;
            }

            var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
            var subject = descriptor.SubjectProperty is { } name ? entityType.FindProperty(name) : null;
            targets.Add(new BulkTarget(
                descriptor.Name,
                sql.DelimitIdentifier(table, entityType.GetSchema()) + " AS ",
                descriptor.Fields.Count == 0 ? null : descriptor.Fields.Select(f => f.Name).ToArray(),
                subject,
                subject?.GetColumnName(store) is { } column ? SubjectPattern(sql.DelimitIdentifier(column)) : null));
        }

        return [.. targets];
    }

    /// <summary><c>alias.column = @p</c>, <c>@p = alias.column</c>, <c>alias.column IN (@a, @b)</c> and
    /// <c>alias.column = ANY (@array)</c>, as EF Core writes a filter on the subject.</summary>
    private static Regex SubjectPattern(string column)
    {
        var c = Regex.Escape(column);
        return new Regex(
            $@"\.{c}\s*=\s*(?<p>@\w+)|(?<p>@\w+)\s*=\s*\S+\.{c}|\.{c}\s+IN\s*\((?<list>[^)]*)\)|\.{c}\s*=\s*ANY\s*\((?<p>@\w+)\)",
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
            TimeSpan.FromSeconds(1));
    }

    private sealed record BulkTarget(string Name, string TableAs, IReadOnlyList<string>? Properties, IProperty? Subject, Regex? SubjectFilter)
    {
        public SortedSet<string> Subjects(DbCommand command)
        {
            var subjects = new SortedSet<string>(StringComparer.Ordinal);
            if (SubjectFilter is null || Subject is null)
            {
                return subjects;
            }

            foreach (Match match in SubjectFilter.Matches(command.CommandText))
            {
                var names = match.Groups["p"].Success
                    ? [match.Groups["p"].Value]
                    : match.Groups["list"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                foreach (var name in names)
                {
                    if (Find(command, name) is not { } value)
                    {
                        continue;
                    }

                    foreach (var item in value is IEnumerable items and not string and not byte[] ? items.Cast<object?>() : [value])
                    {
                        if (Canonical(item) is { } subject)
                        {
                            subjects.Add(subject);
                        }
                    }
                }
            }

            return subjects;
        }

        private string? Canonical(object? value)
        {
            if (value is null or DBNull)
            {
                return null;
            }

            var type = Nullable.GetUnderlyingType(Subject!.ClrType) ?? Subject.ClrType;
            try
            {
                var typed = type.IsInstanceOfType(value) ? value
                    : type == typeof(Guid) ? Guid.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!)
                    : Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
                return SubjectId.From(typed).Value;
            }
            catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException or ArgumentException)
            {
                return null; // not a value of the subject's type: the entry is kept without this subject
            }
        }

        private static object? Find(DbCommand command, string name)
        {
            var bare = name.TrimStart('@', ':', '$');
            foreach (DbParameter parameter in command.Parameters)
            {
                if (string.Equals(parameter.ParameterName.TrimStart('@', ':', '$'), bare, StringComparison.Ordinal))
                {
                    return parameter.Value;
                }
            }

            return null;
        }
    }
}
