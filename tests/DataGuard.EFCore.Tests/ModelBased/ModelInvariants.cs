using System.Globalization;
using System.Text.Json;
using DataGuard.Audit;
using DataGuard.EFCore.Audit;
using DataGuard.Model;
using DataGuard.Retention;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>The invariants every generated model must keep, each checked against <see cref="SqlOracle"/>. Each adds
/// what broke to the failures; a documented <see cref="DataGuardException"/> stops the check without failing it.</summary>
internal static class ModelInvariants
{
    private static string Entity(ModelNode node) => SqlOracle.ClrType(node).Name;

    private static string SubjectName(ModelData data, Guid? subject)
        => subject is { } s && data.Subjects.IndexOf(s) is >= 0 and var i ? $"subject #{i + 1}" : "no subject";

    /// <summary>For every subject, the export holds exactly the rows plain SQL finds for that subject (soft-deleted rows
    /// included), entity by entity, by key.</summary>
    public static async Task ExportHoldsEveryRowOfTheSubject(ModelHost host, ModelData data, List<string> failures)
    {
        var rows = await SqlOracle.RowsAsync(host);
        for (var i = 0; i < data.Subjects.Count; i++)
        {
            var subject = data.Subjects[i];
            SubjectExportPackage? package = null;
            if (!await ModelCase.TryAsync($"export of subject #{i + 1}", failures, async () => package = await host.ExportAsync(subject)))
            {
                continue;
            }

            foreach (var entity in host.Spec.Entities)
            {
                var expected = rows.Where(r => r.Node == entity.Node && r.Subject == subject).Select(static r => r.Key).ToHashSet();
                var exported = ExportedKeys(package!, Entity(entity.Node));
                if (!expected.SetEquals(exported))
                {
                    var missing = expected.Except(exported).Select(k => Describe(rows, entity.Node, k));
                    var extra = exported.Except(expected);
                    failures.Add($"export of subject #{i + 1}: {Entity(entity.Node)} has {exported.Count} rows, SQL finds {expected.Count}; " +
                        $"missing [{string.Join(", ", missing)}], extra [{string.Join(", ", extra)}]");
                }
            }
        }
    }

    /// <summary>For every subject, the personal values of owned types travel in the export with their owner's row.</summary>
    public static async Task ExportHoldsThePersonalValuesOfOwnedTypes(ModelHost host, ModelData data, List<string> failures)
    {
        var rows = await SqlOracle.RowsAsync(host);
        var values = await SqlOracle.ValuesAsync(host);
        for (var i = 0; i < data.Subjects.Count; i++)
        {
            var subject = data.Subjects[i];
            SubjectExportPackage? package = null;
            if (!await ModelCase.TryAsync($"export of subject #{i + 1}", failures, async () => package = await host.ExportAsync(subject)))
            {
                continue;
            }

            foreach (var entity in host.Spec.Entities.Where(static e => e.Owned))
            {
                var exported = ExportedRows(package!, Entity(entity.Node));
                foreach (var row in rows.Where(r => r.Node == entity.Node && r.Subject == subject))
                {
                    var street = values.Single(v => v.Node == row.Node && v.Key == row.Key).Personal["Address.Street"];
                    if (exported.TryGetValue(row.Key, out var json) && !json.Contains(street!, StringComparison.Ordinal))
                    {
                        failures.Add($"export of subject #{i + 1}: {Entity(entity.Node)} row {row.Key} is exported without its owned Address values");
                    }
                }
            }
        }
    }

    /// <summary>After the rows are inserted, updated (principals not loaded) and one deleted, every audit entry of a row
    /// that a subject reaches carries that subject, and every such row has one.</summary>
    public static Func<ModelHost, ModelData, List<string>, Task> AuditEntriesCarryTheSubjectOfTheirRow(bool subjectPaths)
        => (host, data, failures) => AuditEntriesCarryTheSubjectOfTheirRow(host, data, failures, subjectPaths);

    private static async Task AuditEntriesCarryTheSubjectOfTheirRow(ModelHost host, ModelData data, List<string> failures, bool subjectPaths)
    {
        var rows = await SqlOracle.RowsAsync(host);
        if (!await ModelCase.TryAsync("updating every row", failures, () => host.WithContextAsync(async db =>
        {
            foreach (var row in (await LoadAllAsync(db, host.Spec)).Where(static r => r is not ModelRoot))
            {
                row.Name += "~";
            }

            await db.SaveChangesAsync();
        })))
        {
            return;
        }

        var deepest = host.Spec.Entities[^1].Node;
        if (rows.FirstOrDefault(r => r.Node == deepest && r.Subject is not null) is { } victim && deepest != ModelNode.Root
            && !await ModelCase.TryAsync($"deleting {Entity(deepest)} row {victim.Key}", failures, () => host.WithContextAsync(async db =>
            {
                var entity = (await LoadAllAsync(db,
                    host.Spec)).Single(r => r.GetType() == SqlOracle.ClrType(deepest)
                        && SqlOracle.KeyText(db.Entry(r).Property("Id").CurrentValue!) == victim.Key);
                db.Remove(entity);
                await db.SaveChangesAsync();
            })))
        {
            return;
        }

        var entries = await SqlOracle.AuditAsync(host);
        var names = await host.WithContextAsync(static db => Task.FromResult(db.Model.GetEntityTypes()
            .Select(static e => (Name: e.DisplayName(), Row: e.IsOwned() ? e.FindOwnership()!.PrincipalEntityType.ClrType : e.ClrType))
            .Where(static e => typeof(ModelRow).IsAssignableFrom(e.Row))
            .ToDictionary(static e => e.Name, static e => Enum.GetValues<ModelNode>().First(n => SqlOracle.ClrType(n) == e.Row))));
        var bySubject = rows.Where(r => r.Subject is not null && (subjectPaths || host.Spec[r.Node].Link == SubjectLink.Own)).ToDictionary(static r => (r.Node,
            r.Key));
        foreach (var (entityName, key, subject, action) in entries)
        {
            if (!names.TryGetValue(entityName, out var node))
            {
                failures.Add($"audit entry {action} names entity type '{entityName}', which is not in the model");
                continue;
            }

            if (key is null || !bySubject.TryGetValue((node, key), out var row))
            {
                continue;
            }

            var expected = row.Subject!.Value.ToString("D");
            if (!string.Equals(subject, expected, StringComparison.Ordinal))
            {
                failures.Add($"audit entry {action} of {entityName} row {key} carries " +
                    $"{(subject is null ? "no subject" : string.Equals(subject, expected, StringComparison.OrdinalIgnoreCase)
                        ? "the subject spelled in upper case" : "another subject")}; the row belongs to " +
                    $"{SubjectName(data, row.Subject)} ({(host.Spec[node].Link == SubjectLink.Own
                        ? "own subject" : "subject path " + ModelContext.SubjectPath(host.Spec, node))})");
            }
        }

        foreach (var row in bySubject.Values)
        {
            if (!entries.Any(e => e.Key == row.Key && names.TryGetValue(e.Entity, out var n) && n == row.Node))
            {
                failures.Add($"{Entity(row.Node)} row {row.Key} of {SubjectName(data, row.Subject)} has no audit entry");
            }

            if (host.Spec[row.Node].Owned && names.FirstOrDefault(n => n.Value == row.Node && n.Key != Entity(row.Node)).Key is { } owned
                && !entries.Any(e => e.Entity == owned && e.Key == row.Key))
            {
                failures.Add($"the owned {owned} of {Entity(row.Node)} row {row.Key} ({SubjectName(data, row.Subject)}) has no audit entry");
            }
        }
    }

    /// <summary>With every read audited, one query per entity type reads all its rows (several subjects' rows in one
    /// list, tracked and untracked): each subject with a row of that entity finds a read of it in their audit query and in
    /// their export's <c>audit.json</c>, whether the row has its own subject column or a subject path.</summary>
    public static async Task ReadsAppearInTheAuditOfEachSubjectRead(ModelHost host, ModelData data, List<string> failures)
    {
        // Asked per entity type when EF Core compiles a query's materializer: the queries below are the first reads.
        host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DataGuard.Audit.AuditOptions>>().Value.AuditAllReads = true;
        var rows = await SqlOracle.RowsAsync(host);
        if (!await ModelCase.TryAsync("reading every row", failures, () => host.WithContextAsync(async db =>
        {
            await LoadAllAsync(db, host.Spec);
            foreach (var entity in host.Spec.Entities)
            {
                _ = entity.Node switch
                {
                    ModelNode.Root => (await db.Set<ModelRoot>().IgnoreQueryFilters().AsNoTracking().ToListAsync()).Count,
                    ModelNode.BranchA => (await db.Set<ModelBranchA>().IgnoreQueryFilters().AsNoTracking().ToListAsync()).Count,
                    ModelNode.BranchB => (await db.Set<ModelBranchB>().IgnoreQueryFilters().AsNoTracking().ToListAsync()).Count,
                    ModelNode.Leaf => (await db.Set<ModelLeaf>().IgnoreQueryFilters().AsNoTracking().ToListAsync()).Count,
                    _ => (await db.Set<ModelTwig>().IgnoreQueryFilters().AsNoTracking().ToListAsync()).Count,
                };
            }
        })))
        {
            return;
        }

        await host.Services.GetRequiredService<DataGuard.EFCore.Audit.AuditReadWriter>().StopAsync(CancellationToken.None);
        var store = host.Services.GetRequiredService<DataGuard.Audit.IAuditStore>();
        for (var i = 0; i < data.Subjects.Count; i++)
        {
            var subject = data.Subjects[i];
            var page = await store.QueryAsync(new DataGuard.Audit.AuditQuery { SubjectId = SubjectId.From(subject),
                Action = DataGuard.Audit.AuditActions.DataRead, PageSize = DataGuard.Audit.AuditQuery.MaxPageSize });
            SubjectExportPackage? package = null;
            if (!await ModelCase.TryAsync($"export of subject #{i + 1}", failures, async () => package = await host.ExportAsync(subject)))
            {
                continue;
            }

            using var audit = JsonDocument.Parse(package!.ReadFile("audit.json"));
            var exportedReads = audit.RootElement.EnumerateArray()
                .Where(static e => e.GetProperty("action").GetString() == DataGuard.Audit.AuditActions.DataRead)
                .Select(static e => e.GetProperty("entityType").GetString() ?? "")
                .ToList();
            foreach (var node in rows.Where(r => r.Subject == subject).Select(static r => r.Node).Distinct())
            {
                var how = host.Spec[node].Link == SubjectLink.Own ? "own subject" : "subject path " + ModelContext.SubjectPath(host.Spec, node);
                if (page.Entries.Count(e => (e.EntityType ?? "").Split(',').Contains(Entity(node))) < 2)
                {
                    failures.Add(
                        $"subject #{i + 1}'s audit query has fewer than two reads of {Entity(node)} (one tracked, one untracked query read their rows; {how})");
                }

                if (!exportedReads.Any(t => t.Split(',').Contains(Entity(node))))
                {
                    failures.Add($"subject #{i + 1}'s export has no read of {Entity(node)} in audit.json ({how})");
                }
            }

            foreach (var entry in page.Entries.Where(e => e.SubjectId != SubjectId.From(subject).Value))
            {
                failures.Add($"subject #{i + 1}'s audit query returned a read of {entry.EntityType} under another subject");
            }
        }
    }

    /// <summary>Erasing the first subject: every row of the subject is deleted, cleared (no personal value left: anonymised
    /// or shredded) or kept whole with a reason; the report's counts equal those plain SQL observes, entity by entity; no
    /// other subject's row changes. A documented refusal must leave the database as it was.</summary>
    public static async Task ErasureLeavesNoPersonalValueAndCountsWhatChanged(ModelHost host, ModelData data, List<string> failures)
    {
        var subject = data.Subjects[0];
        var rows = await SqlOracle.RowsAsync(host);
        var before = (await SqlOracle.ValuesAsync(host)).ToDictionary(static v => (v.Node, v.Key));
        ErasureReport? report = null;
        var refused = new List<string>();
        var erased = await ModelCase.TryAsync("erasure of subject #1", failures, async () => report = await host.Subjects.EraseAsync(SubjectId.From(subject)),
            refused);
        var after = (await SqlOracle.ValuesAsync(host)).ToDictionary(static v => (v.Node, v.Key));
        if (!erased)
        {
            if (refused.Count > 0 && !(before.Count == after.Count && before.All(b => after.TryGetValue(b.Key, out var a) && Same(b.Value, a))))
            {
                failures.Add($"{refused[0]}, but the database changed anyway");
            }

            return;
        }

        foreach (var entity in host.Spec.Entities)
        {
            var name = Entity(entity.Node);
            var reported = report!.Entities.FirstOrDefault(e => e.Entity == name);
            long deleted = 0, cleared = 0, unchanged = 0;
            foreach (var row in rows.Where(r => r.Node == entity.Node && r.Subject == subject))
            {
                var old = before[(row.Node, row.Key)];
                if (!after.TryGetValue((row.Node, row.Key), out var now))
                {
                    deleted++;
                    continue;
                }

                var kept = old.Personal.Where(p => p.Value is { Length: > 0 } v && now.Personal.TryGetValue(p.Key,
                    out var n) && n == v).Select(static p => p.Key).ToList();
                if (kept.Count == 0)
                {
                    cleared++;
                }
                else if (kept.Count == old.Personal.Count(static p => p.Value is { Length: > 0 }))
                {
                    unchanged++;
                }
                else
                {
                    failures.Add($"erasure: {name} row {row.Key} of subject #1 keeps personal values " +
                        $"[{string.Join(", ", kept)}] while others were cleared ({reported?.Action})");
                }

                if (now.Label != old.Label)
                {
                    failures.Add($"erasure: {name} row {row.Key} lost its non-personal Label");
                }
            }

            var r = reported ?? new ErasureEntityReport { Entity = name, Action = entity.Erasure ?? ErasureAction.Delete };
            if ((r.Deleted, r.Anonymized + r.Shredded, r.Kept) != (deleted, cleared, unchanged))
            {
                failures.Add($"erasure report for {name}{(reported is null ? " (missing)" : "")}: " +
                    $"{r.Deleted} deleted, {r.Anonymized} anonymised + {r.Shredded} shredded, " +
                    $"{r.Kept} kept; " +
                    $"SQL observes {deleted} deleted, {cleared} cleared, {unchanged} unchanged");
            }

            if (r.Kept > 0 && r.Reasons.Count == 0)
            {
                failures.Add($"erasure report for {name}: {r.Kept} rows kept without a reason");
            }
        }

        foreach (var row in rows.Where(r => r.Subject != subject))
        {
            if (!after.TryGetValue((row.Node, row.Key), out var now) || !Same(before[(row.Node, row.Key)], now))
            {
                failures.Add(
                    $"erasure of subject #1 {(now is null ? "deleted" : "changed")} {Entity(row.Node)} row {row.Key} of {SubjectName(data, row.Subject)}");
            }
        }
    }

    /// <summary>Retention: the dry run changes nothing and reports what the real run then does; the real run's counts are
    /// the rows plain SQL sees deleted or marked anonymised, entity by entity (rows of entities without a policy too); and
    /// afterwards no due row keeps a personal value unless the report holds it or names an error.</summary>
    public static async Task RetentionDryRunEqualsRealRunAndSql(ModelHost host, ModelData data, List<string> failures)
    {
        var rows0 = await SqlOracle.RowsAsync(host);
        var values0 = (await SqlOracle.ValuesAsync(host)).ToDictionary(static v => (v.Node, v.Key));
        DataGuard.Retention.RetentionReport? dry = null, real = null;
        if (!await ModelCase.TryAsync("retention dry run", failures, async () => dry = await host.Retention.RunAsync(dryRun: true)))
        {
            return;
        }

        var rows1 = await SqlOracle.RowsAsync(host);
        var values1 = (await SqlOracle.ValuesAsync(host)).ToDictionary(static v => (v.Node, v.Key));
        if (rows1.Count != rows0.Count || rows1.Any(r => !rows0.Contains(r)) || values0.Any(v => !values1.TryGetValue(v.Key, out var n) || !Same(v.Value, n)))
        {
            failures.Add("the retention dry run changed the database");
        }

        if (!await ModelCase.TryAsync("retention run", failures, async () => real = await host.Retention.RunAsync()))
        {
            return;
        }

        var rows2 = await SqlOracle.RowsAsync(host);
        var values2 = (await SqlOracle.ValuesAsync(host)).ToDictionary(static v => (v.Node, v.Key));
        var now = host.Clock.GetUtcNow().UtcDateTime;
        foreach (var entity in host.Spec.Entities)
        {
            var name = Entity(entity.Node);
            var d = dry!.Entities.FirstOrDefault(e => e.Entity == name);
            var r = real!.Entities.FirstOrDefault(e => e.Entity == name);
            if ((d is null) != (r is null))
            {
                failures.Add($"retention: {name} is in {(d is null ? "the real run's report only" : "the dry run's report only")}");
            }

            if (d is not null && r is not null && r.Errors.Count == 0
                && (d.Due, d.Purged, d.Anonymized, d.Shredded, d.Held) != (r.Due, r.Purged, r.Anonymized, r.Shredded, r.Held))
            {
                failures.Add($"retention of {name}: the dry run reports {Counts(d)}, the real run {Counts(r)}");
            }

            var before = rows1.Where(x => x.Node == entity.Node).ToDictionary(static x => x.Key);
            var after = rows2.Where(x => x.Node == entity.Node).ToDictionary(static x => x.Key);
            var deleted = before.Keys.Count(k => !after.ContainsKey(k));
            var marked = after.Values.Count(x => x.Marked && !before[x.Key].Marked);
            if ((r?.Purged ?? 0, r?.Anonymized ?? 0) != (deleted, marked))
            {
                failures.Add($"retention of {name}: the report counts {r?.Purged ?? 0} purged, {r?.Anonymized ?? 0} anonymised; SQL observes " +
                    $"{deleted} deleted, {marked} newly marked anonymised{(r is null ? " (no policy: nothing of it should change)" : "")}");
            }

            if (entity.Retention is not { } policy || r is null || r.Errors.Count > 0)
            {
                continue;
            }

            var cutoff = now.AddDays(-policy.Days);
            var left = new List<OracleRow>();
            foreach (var row in after.Values.Where(x => x.CreatedAt < cutoff))
            {
                var old = values0[(row.Node, row.Key)];
                var current = values2[(row.Node, row.Key)];
                if (policy.Then == RetentionAction.Delete || old.Personal.Any(p => p.Value is { Length: > 0 } v && current.Personal[p.Key] == v))
                {
                    left.Add(row);
                }
            }

            if (left.Count != r.Held)
            {
                var notes = new List<string>();
                if (left.Count(static x => x.Subject is null) is > 0 and var orphans)
                {
                    notes.Add($"{orphans} of them without a subject");
                }

                if (left.Count(static x => x.IsDeleted) is > 0 and var softDeleted)
                {
                    notes.Add($"{softDeleted} of them soft-deleted");
                }

                failures.Add($"retention of {name} ({policy}): {left.Count} due rows keep personal values after the run" +
                    $"{(notes.Count > 0 ? " (" + string.Join(", ", notes) + ")" : "")}; the report says {Counts(r)}");
            }
        }
    }

    private static string Counts(DataGuard.Retention.RetentionEntityReport e)
        => $"due {e.Due}, purged {e.Purged}, anonymised {e.Anonymized}, shredded {e.Shredded}, held {e.Held}";

    private static bool Same(RowValues a, RowValues b)
        => a.Label == b.Label && a.Personal.Count == b.Personal.Count && a.Personal.All(p => b.Personal.TryGetValue(p.Key, out var v) && v == p.Value);

    private static string Describe(List<OracleRow> rows, ModelNode node, string key)
        => rows.First(r => r.Node == node && r.Key == key) is var row && row.IsDeleted ? key + " (soft-deleted)" : key;

    private static HashSet<string> ExportedKeys(SubjectExportPackage package, string entity) => [.. ExportedRows(package, entity).Keys];

    private static Dictionary<string, string> ExportedRows(SubjectExportPackage package, string entity)
    {
        var rows = new Dictionary<string, string>();
        if (!package.Manifest.Entities.Any(e => e.Name == entity))
        {
            return rows;
        }

        foreach (var row in package.ReadRows(entity))
        {
            var id = row.GetProperty("Id");
            rows[id.ValueKind == JsonValueKind.Number
                ? id.GetInt64().ToString(CultureInfo.InvariantCulture) : SqlOracle.KeyText(id.GetString()!)] = row.GetRawText();
        }

        return rows;
    }

    private static async Task<List<ModelRow>> LoadAllAsync(ModelContext db, ModelSpec spec)
    {
        var all = new List<ModelRow>();
        foreach (var entity in spec.Entities)
        {
            all.AddRange(entity.Node switch
            {
                ModelNode.Root => await db.Set<ModelRoot>().IgnoreQueryFilters().ToListAsync<ModelRow>(),
                ModelNode.BranchA => await db.Set<ModelBranchA>().IgnoreQueryFilters().ToListAsync<ModelRow>(),
                ModelNode.BranchB => await db.Set<ModelBranchB>().IgnoreQueryFilters().ToListAsync<ModelRow>(),
                ModelNode.Leaf => await db.Set<ModelLeaf>().IgnoreQueryFilters().ToListAsync<ModelRow>(),
                _ => await db.Set<ModelTwig>().IgnoreQueryFilters().ToListAsync<ModelRow>(),
            });
        }

        return all;
    }
}
