using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using DataGuard.Testing;
using Microsoft.Extensions.Logging;

namespace DataGuard.AspNetCore.Tests.Logging;

/// <summary>
/// One event-id table for every <c>[LoggerMessage]</c> of the three packages, documented in docs/operations.md
/// ("Log events"): ids are unique across packages, fall in their package's documented ranges, and the table lists every
/// event with the name it logs under.
/// </summary>
public sealed partial class EventIdTableTests
{
    private static readonly Assembly[] Packages =
        [.. new[] { "DataGuard", "DataGuard.EFCore", "DataGuard.AspNetCore" }.Select(static name => Assembly.Load(new AssemblyName(name)))];

    [Fact]
    public void Every_log_event_has_a_unique_id()
    {
        var duplicates = LogEvents.Events(Packages).GroupBy(e => e.Id).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Where))}").ToList();

        Assert.True(duplicates.Count == 0, "Event ids used twice:" + Environment.NewLine + string.Join(Environment.NewLine, duplicates));
    }

    [Fact]
    public void Every_log_event_id_is_in_its_packages_documented_range()
    {
        var ranges = DocumentedRanges();

        var outside = LogEvents.Events(Packages)
            .Where(e => !ranges.Any(r => r.Package == e.Package && r.First <= e.Id && e.Id <= r.Last))
            .Select(e => $"{e.Id} {e.Where} ({e.Package})").ToList();

        Assert.True(outside.Count == 0,
            "Outside the package's ranges in docs/operations.md:" + Environment.NewLine + string.Join(Environment.NewLine, outside));
    }

    [Fact]
    public void The_documented_event_table_lists_every_log_event_and_no_other()
    {
        var documented = DocumentedEvents();
        var actual = LogEvents.Events(Packages).Select(e => $"| {e.Id} | `{e.Name}` | {e.Level} | {e.Package} |").ToHashSet(StringComparer.Ordinal);

        var missing = actual.Except(documented, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var stale = documented.Except(actual, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0 && stale.Count == 0,
            "docs/operations.md (Log events) lacks:" + Environment.NewLine + string.Join(Environment.NewLine, missing) + Environment.NewLine +
            "and lists events that do not exist (or under another name, level or package):" + Environment.NewLine + string.Join(Environment.NewLine, stale));
    }

    [Fact]
    public void An_event_without_an_EventName_logs_under_its_method_name()
    {
        // What the table's name column relies on: the logging generator's default for EventName is the method's name.
        var logger = new CapturingLogger();
        var checkedEvents = 0;
        foreach (var e in LogEvents.Events(Packages).Where(e => e.Attribute.EventName is null && e.Method.IsStatic && !e.Method.ContainsGenericParameters))
        {
            var parameters = e.Method.GetParameters();
            var arguments = parameters.Select(p => typeof(ILogger).IsAssignableFrom(p.ParameterType) ? logger
                : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null).ToArray();
            if (!parameters.Any(p => p.ParameterType == typeof(ILogger)))
            {
                continue;
            }

            e.Method.Invoke(null, arguments);
            var logged = Assert.Single(logger.Events);
            // EventId's equality compares ids only: the name is checked on its own.
            Assert.Equal((e.Id, e.Method.Name), (logged.Id, logged.Name));
            logger.Events.Clear();
            checkedEvents++;
        }

        Assert.True(checkedEvents > 10, $"only {checkedEvents} events checked");
    }

    private static string Section()
    {
        var text = File.ReadAllText(Path.Combine(ApprovedApi.RepositoryRoot(), "docs", "operations.md"));
        var start = text.IndexOf("## Log events", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/operations.md has no 'Log events' section");
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    private static List<(string Package, int First, int Last)> DocumentedRanges()
        => RangeRow().Matches(Section())
            .Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)))
            .ToList();

    private static HashSet<string> DocumentedEvents()
        => EventRow().Matches(Section()).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^\| (DataGuard[\w.]*) \| (\d+) \| (\d+) \|", RegexOptions.Multiline)]
    private static partial Regex RangeRow();

    [GeneratedRegex(@"^(\| \d+ \| `\w+` \| \w+ \| DataGuard[\w.]* \|)", RegexOptions.Multiline)]
    private static partial Regex EventRow();

    private sealed class CapturingLogger : ILogger
    {
        public List<EventId> Events { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => Events.Add(eventId);
    }
}
