using System.Diagnostics.Metrics;
using System.Reflection;
using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Retention;

namespace DataGuard.Diagnostics;

/// <summary>
/// DataGuard's instruments on the meter named <c>DataGuard</c>, named after OpenTelemetry's semantic conventions
/// (lower-case dotted names under <c>dataguard.</c>, UCUM units in curly braces for counted things). Tags carry entity
/// type names, purposes, reasons and forwarder names, never a value, a subject id or a key: docs/operations.md lists
/// every instrument. Hot paths call these with one <c>Enabled</c> check, so without a listener the cost is a field read.
/// One static meter, as for the runtime's own instruments: the codec has no service provider to ask for an
/// <c>IMeterFactory</c>, and listeners select meters by name anyway.
/// </summary>
internal static class DataGuardMetrics
{
    public const string MeterName = "DataGuard";

    public const string EntityTag = "dataguard.entity";
    public const string PurposeTag = "dataguard.purpose";
    public const string ReasonTag = "dataguard.consent.reason";
    public const string ActionTag = "dataguard.retention.action";
    public const string ForwarderTag = "dataguard.forwarder";
    public const string OperationTag = "dataguard.operation";

    internal static readonly string Version =
        typeof(DataGuardMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    internal static readonly Meter Meter = new(MeterName, Version);

    public static readonly Counter<long> FieldsEncrypted = Meter.CreateCounter<long>(
        "dataguard.field.encrypted", "{value}", "Personal values encrypted, by entity type.");
    public static readonly Counter<long> FieldsDecrypted = Meter.CreateCounter<long>(
        "dataguard.field.decrypted", "{value}", "Stored values decrypted (attempts), by entity type.");
    public static readonly Counter<long> FieldFailures = Meter.CreateCounter<long>(
        "dataguard.field.failures", "{value}", "Values that failed to decrypt or encrypt (tampered, moved, missing key), by entity type.");
    public static readonly Counter<long> KeyCacheHits = Meter.CreateCounter<long>(
        "dataguard.key_cache.hits", "{lookup}", "Subject-key lookups answered from the in-memory cache.");
    public static readonly Counter<long> KeyCacheMisses = Meter.CreateCounter<long>(
        "dataguard.key_cache.misses", "{lookup}", "Subject-key lookups that read the key store.");
    public static readonly Counter<long> ConsentChecks = Meter.CreateCounter<long>("dataguard.consent.checks", "{check}", "Consent checks, by purpose.");
    public static readonly Counter<long> ConsentDenials = Meter.CreateCounter<long>(
        "dataguard.consent.denials", "{check}", "Consent checks that refused processing, by purpose and reason.");
    public static readonly Counter<long> RetentionRows = Meter.CreateCounter<long>(
        "dataguard.retention.rows", "{row}", "Rows the retention job purged, anonymised or shredded, by entity type and action.");
    public static readonly Counter<long> AuditAppended = Meter.CreateCounter<long>(
        "dataguard.audit.appended", "{entry}", "Audit entries written to the chain (inside the writing transaction).");
    public static readonly Counter<long> AuditForwarded = Meter.CreateCounter<long>(
        "dataguard.audit.forwarded", "{entry}", "Audit entries a forwarder delivered, by forwarder.");
    public static readonly Counter<long> AuditForwardFailures = Meter.CreateCounter<long>(
        "dataguard.audit.forward.failures", "{attempt}", "Delivery attempts that failed and will be retried, by forwarder.");
    public static readonly Counter<long> AuditDeadLetters = Meter.CreateCounter<long>(
        "dataguard.audit.dead_letters", "{entry}", "Audit entries a forwarder gave up on after its retries (counted, recorded, skipped), by forwarder.");

    public static void Encrypted(string entity)
    {
        if (FieldsEncrypted.Enabled)
        {
            FieldsEncrypted.Add(1, new KeyValuePair<string, object?>(EntityTag, entity));
        }
    }

    public static void Decrypted(string entity)
    {
        if (FieldsDecrypted.Enabled)
        {
            FieldsDecrypted.Add(1, new KeyValuePair<string, object?>(EntityTag, entity));
        }
    }

    /// <summary>Counts a failure and hands the exception back, so that a throw site stays one expression.</summary>
    public static TException Failed<TException>(string entity, TException exception)
    {
        if (FieldFailures.Enabled)
        {
            FieldFailures.Add(1, new KeyValuePair<string, object?>(EntityTag, entity));
        }

        return exception;
    }

    public static void KeyCacheHit()
    {
        if (KeyCacheHits.Enabled)
        {
            KeyCacheHits.Add(1);
        }
    }

    public static void KeyCacheMiss()
    {
        if (KeyCacheMisses.Enabled)
        {
            KeyCacheMisses.Add(1);
        }
    }

    /// <summary>Counts a consent check and, when processing is refused, the denial with its reason code.</summary>
    public static ConsentState ConsentChecked(ConsentState state)
    {
        ConsentChecks.Add(1, new KeyValuePair<string, object?>(PurposeTag, state.Purpose));
        if (!state.IsAllowed)
        {
            ConsentDenials.Add(
                1,
                new KeyValuePair<string, object?>(PurposeTag, state.Purpose),
                new KeyValuePair<string, object?>(ReasonTag, ConsentStatusText.ToCode(state.Status)));
        }

        return state;
    }

    /// <summary>Counts what a retention run did to one entity type.</summary>
    public static void Retained(Retention.RetentionEntityReport report)
    {
        Add(RetentionRows, report.Purged, report.Entity, "purge");
        Add(RetentionRows, report.Anonymized, report.Entity, "anonymize");
        Add(RetentionRows, report.Shredded, report.Entity, "shred");

        static void Add(Counter<long> counter, long rows, string entity, string action)
        {
            if (rows > 0)
            {
                counter.Add(rows, new KeyValuePair<string, object?>(EntityTag, entity), new KeyValuePair<string, object?>(ActionTag, action));
            }
        }
    }

    public static void Appended(int entries) => AuditAppended.Add(entries);
}
