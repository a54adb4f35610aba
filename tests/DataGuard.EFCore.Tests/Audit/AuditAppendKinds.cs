using DataGuard.Audit;

namespace DataGuard.EFCore.Tests.Audit;

/// <summary>Appends that take each of the appender's inserts on SQLite: entries that share nothing (row by row), that share
/// their context (one statement), and that also share action, entity type and properties (one narrower statement).
/// Every field has a value of its own, so a value bound to another column shows.</summary>
internal static class AuditAppendKinds
{
    public const string Rows = "rows";
    public const string SharedContext = "shared-context";
    public const string Uniform = "uniform";

    public static List<AuditRecord> Records(string kind, DateTimeOffset now) => kind switch
    {
        Rows => [Record(now, 1, "actor-a", changes: true), Record(now.AddSeconds(1), 2, "actor-b", changes: false)],
        SharedContext => [Record(now, 1, "actor", changes: true), Record(now, 2, "actor", changes: false)],
        Uniform => [Record(now, 1, "actor", changes: false, uniform: true), Record(now, 2, "actor", changes: false, uniform: true)],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static AuditRecord Record(DateTimeOffset now, int n, string actor, bool changes, bool uniform = false) => new(
        now,
        uniform ? "action" : $"action-{n}",
        actor,
        $"subject-{n}",
        uniform ? "EntityType" : $"EntityType{n}",
        $"key-{n}",
        uniform ? ["Email", "Name"] : [$"Property{n}", $"Other{n}"],
        "purpose",
        "correlation",
        "details",
        changes ? [new AuditValueChange($"Property{n}", "o***", "n***")] : null);
}
