using DataGuard.Audit;
using DataGuard.Encryption;
using Microsoft.Extensions.Logging;

namespace DataGuard.EFCore.Encryption;

/// <summary>What one run of the re-encryption job has done so far: rows moved per entity, values skipped (each row and
/// property once, however many passes meet it), and rows left changing; and the report and audit entry made of it.</summary>
internal sealed class ReencryptionRun(ILogger logger, int batchSize)
{
    /// <summary>Skipped values listed in the report; all of them are counted.</summary>
    private const int MaxListedSkips = 1_000;

    private readonly Dictionary<string, long> _rows = [];
    private readonly List<ReencryptionSkippedValue> _skipped = [];
    private readonly HashSet<(string, string, string)> _skippedKeys = [];
    private long _skippedCount;
    private long _conflictsLeft;

    /// <summary>How many rows a batch reads (<see cref="EncryptionOptions.ReencryptionBatchSize"/> when the run began).</summary>
    public int BatchSize => batchSize;

    /// <summary>Records how many rows of an entity moved.</summary>
    public void Moved(string entity, long rows) => _rows[entity] = rows;

    /// <summary>Records rows that kept changing through the last pass, left for the next run.</summary>
    public void LeftChanging(long rows) => _conflictsLeft += rows;

    /// <summary>Records a value that could not be decrypted: logged and counted once per row and property.</summary>
    public void Skipped(ReencryptionTarget target, object?[] row, DataGuardCryptoException failure)
    {
        var rowKey = target.KeyText(row);
        if (!_skippedKeys.Add((target.Name, failure.Property ?? "", rowKey)))
        {
            return;
        }

        _skippedCount++;
        ReencryptionLog.LogSkipped(logger, target.Name, failure.Property, failure.KeyId, rowKey);
        if (_skipped.Count < MaxListedSkips)
        {
            _skipped.Add(new ReencryptionSkippedValue(target.Name, failure.Property ?? "", failure.KeyId, rowKey, failure.Message));
        }
    }

    public ReencryptionReport Report(int activeKeyId, TimeSpan elapsed) => new(activeKeyId, _rows, elapsed)
    {
        SkippedValues = _skipped,
        SkippedCount = _skippedCount,
        ConflictsLeft = _conflictsLeft,
    };

    /// <summary>The audit entry of a run: counts and key ids only.</summary>
    public static AuditEvent AuditEvent(ReencryptionReport report) => new(AuditActions.DataReencrypted)
    {
        Details = $"{report.TotalRows} rows moved to key {report.ActiveKeyId}"
            + (report.SkippedCount > 0 ? $"; {report.SkippedCount} values could not be decrypted and were skipped" : "")
            + (report.ConflictsLeft > 0 ? $"; {report.ConflictsLeft} rows kept changing and are left for the next run" : ""),
    };
}
