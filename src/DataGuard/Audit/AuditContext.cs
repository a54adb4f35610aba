using System.Diagnostics;
using DataGuard.Consent;

namespace DataGuard.Audit;

/// <summary>The <see cref="IAuditContext"/> held in an <see cref="AsyncLocal{T}"/>: each request or job sees its own
/// frame, and a disposed scope restores its parent.</summary>
internal sealed class AuditContext : IAuditContext
{
    private static readonly AsyncLocal<AuditContextFrame?> Current = new();

    /// <summary>The innermost scope of the current flow, or <see langword="null"/> outside any scope.</summary>
    internal static AuditContextFrame? CurrentFrame => Current.Value;

    public string? Actor => Current.Value?.Actor;

    public string? Purpose => Current.Value?.Purpose;

    public string? CorrelationId => Current.Value?.CorrelationId ?? Activity.Current?.TraceId.ToHexString();

    public IDisposable Begin(string? actor, string? purpose = null, string? correlationId = null)
    {
        var parent = Current.Value;
        var frame = new AuditContextFrame(
            actor ?? parent?.Actor,
            purpose ?? parent?.Purpose,
            correlationId ?? parent?.CorrelationId ?? Activity.Current?.TraceId.ToHexString(),
            parent);
        Current.Value = frame;
        return new Scope(frame);
    }

    private sealed class Scope(AuditContextFrame frame) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (ReferenceEquals(Current.Value, frame))
            {
                Current.Value = frame.Parent;
            }
        }
    }
}
