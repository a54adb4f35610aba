using System.Diagnostics;

namespace DataGuard.Diagnostics;

/// <summary>
/// DataGuard's traces on the activity source named <c>DataGuard</c>: one span per export, erasure, retention run,
/// re-encryption run and key operation, named <c>dataguard.{area}.{operation}</c>. Spans carry the operation's name and
/// counts, never a subject id or a value. Starting one costs a field read when nothing listens.
/// </summary>
internal static class DataGuardActivitySource
{
    public const string Name = "DataGuard";

    public static readonly ActivitySource Source = new(Name, DataGuardMetrics.Version);

    public const string Export = "dataguard.subject.export";
    public const string Erase = "dataguard.subject.erase";
    public const string Retention = "dataguard.retention.run";
    public const string Reencrypt = "dataguard.encryption.reencrypt";
    public const string KeyRotate = "dataguard.key.rotate";
    public const string KeyRetire = "dataguard.key.retire";
    public const string KeyDestroy = "dataguard.key.destroy";
    public const string KeyRewrap = "dataguard.key.rewrap";
    public const string KeyShred = "dataguard.key.shred";
    public const string Forward = "dataguard.audit.forward";

    /// <summary>Starts an internal span, or returns <see langword="null"/> when nothing listens.</summary>
    public static Activity? Start(string operation) => Source.StartActivity(operation, ActivityKind.Internal);
}
