using System.Globalization;
using DataGuard.Consent;
using DataGuard.Subjects;

namespace DataGuard.AspNetCore.Console;

/// <summary>
/// Per purpose, the state of every subject's consent at the end of each of the last months: the latest record before
/// the month's end decides (a grant past its expiry counts as expired). The records stream in subject by subject, so
/// only one subject's records and the month counters are held at a time.
/// </summary>
internal sealed class ConsentStatistics
{
    private readonly DateTimeOffset[] _ends;
    private readonly string[] _names;
    private readonly int[,] _counts;

    public ConsentStatistics(DateTimeOffset now, int months)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months);
        _ends = new DateTimeOffset[months];
        _names = new string[months];
        _counts = new int[months, 3];
        var monthStart = new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < months; i++)
        {
            // Newest first: the current month ends now, earlier ones at the first instant of the month after.
            var start = monthStart.AddMonths(-i);
            _ends[i] = i == 0 ? now : start.AddMonths(1);
            _names[i] = start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Counts a purpose's records, which arrive grouped by subject.</summary>
    public async Task AddAsync(IAsyncEnumerable<ConsentRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var subject = new List<ConsentRecord>();
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (subject.Count > 0 && subject[0].SubjectId != record.SubjectId)
            {
                AddSubject(subject);
                subject.Clear();
            }

            subject.Add(record);
        }

        AddSubject(subject);
    }

    public IReadOnlyList<ConsentMonth> Months()
        => [.. Enumerable.Range(0, _ends.Length).Select(i => new ConsentMonth(_names[i], _counts[i, 0], _counts[i, 1], _counts[i, 2]))];

    private void AddSubject(List<ConsentRecord> records)
    {
        for (var i = 0; i < _ends.Length && records.Count > 0; i++)
        {
            ConsentRecord? latest = null;
            foreach (var record in records)
            {
                if (record.RecordedAt < _ends[i] && record.Kind is ConsentRecordKind.Granted or ConsentRecordKind.Withdrawn or ConsentRecordKind.Objected
                    && (latest is null || record.RecordedAt >= latest.RecordedAt))
                {
                    latest = record;
                }
            }

            var column = latest switch
            {
                null => -1,
                { Kind: ConsentRecordKind.Granted, ExpiresAt: { } expires } when expires <= _ends[i] => 2,
                { Kind: ConsentRecordKind.Granted } => 0,
                _ => 1,
            };
            if (column >= 0)
            {
                _counts[i, column]++;
            }
        }
    }
}
