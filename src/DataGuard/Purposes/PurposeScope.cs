using DataGuard.Consent;
using DataGuard.Masking;
using DataGuard.Subjects;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Purposes;

/// <summary>
/// One open purpose scope: the purpose, what to do outside it, and a cache of subjects' consent states for the reads
/// made inside it. Consent is read through a service scope of the scope's own (its own store context and connection),
/// because the check runs while the application's context is still reading the query's rows.
/// </summary>
internal sealed class PurposeScope : IDisposable
{
    private static readonly AsyncLocal<PurposeScope?> Innermost = new();

    private readonly PurposeConsentSource _consentSource;
    private readonly IDisposable _audit;
    private readonly PurposeScope? _parent;
    private readonly Dictionary<string, ConsentStatus> _consent = new(StringComparer.Ordinal);
    private readonly Dictionary<object, object> _states = [];
    private readonly Lock _lock = new();
    private IServiceScope? _consentScope;
    private long _consentVersion;
    private string? _consentTenant;
    private bool _disposed;

    private PurposeScope(
        Purpose purpose,
        PurposeViolationBehavior behavior,
        PurposeConsentSource consentSource,
        DataMasker? masker,
        IDisposable audit,
        PurposeScope? parent)
    {
        Purpose = purpose;
        Behavior = behavior;
        Masker = masker;
        _consentSource = consentSource;
        _audit = audit;
        _parent = parent;
        _consentVersion = ConsentChanges.Version;
        _consentTenant = consentSource.Cache.Tenant;
    }

    /// <summary>The innermost open scope of the current flow, or <see langword="null"/>.</summary>
    public static PurposeScope? Current => Innermost.Value;

    public Purpose Purpose { get; }

    public PurposeViolationBehavior Behavior { get; }

    /// <summary>The application's masker (with <c>AddMasking()</c>), or <see langword="null"/>: strings are then masked as <c>***</c>.</summary>
    public DataMasker? Masker { get; }

    public static PurposeScope Push(
        Purpose purpose,
        PurposeViolationBehavior behavior,
        PurposeConsentSource consentSource,
        DataMasker? masker,
        IDisposable audit)
    {
        var scope = new PurposeScope(purpose, behavior, consentSource, masker, audit, Innermost.Value);
        Innermost.Value = scope;
        return scope;
    }

    /// <summary>Whether the scope was disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed);

    /// <summary>What a reader keeps for this scope under <paramref name="key"/> (an entity type's read plan: its
    /// declaration's refusal, its subjects' consent states), made by <paramref name="create"/> the first time; disposed
    /// with the scope when it is <see cref="IDisposable"/>.</summary>
    public TState State<TState>(object key, Func<PurposeScope, TState> create)
        where TState : class
    {
        lock (_lock)
        {
            if (!_states.TryGetValue(key, out var state))
            {
                state = create(this);
                _states[key] = state;
            }

            return (TState)state;
        }
    }

    /// <summary>The subject's consent state for the scope's purpose: fixed for a legal obligation, else cached in the
    /// scope until a consent record is written in this process, else from the application's
    /// <see cref="PurposeConsentCache"/>, else read from the consent service.</summary>
    public ConsentStatus ConsentOf(SubjectId subject)
    {
        // Neither consent, restriction nor objection stops processing required by law (ConsentService.Evaluate).
        if (Purpose.LawfulBasis == LawfulBasis.LegalObligation)
        {
            return ConsentStatus.NotRequired;
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            DropIfConsentChanged();
            return ConsentOfLocked(subject);
        }
    }

    private void DropIfConsentChanged()
    {
        // The states held here are one tenant's: a tenant scope opened inside this purpose scope starts afresh.
        var version = ConsentChanges.Version;
        var tenant = _consentSource.Cache.Tenant;
        if (version != _consentVersion || !string.Equals(tenant, _consentTenant, StringComparison.Ordinal))
        {
            _consent.Clear();
            _consentVersion = version;
            _consentTenant = tenant;
        }
    }

    private ConsentStatus ConsentOfLocked(SubjectId subject)
    {
        if (!_consent.TryGetValue(subject.Value, out var status) && !_consentSource.Cache.TryGet(subject, Purpose, out status))
        {
            status = Lookup(subject);
        }

        _consent[subject.Value] = status;
        return status;
    }

    private ConsentStatus Lookup(SubjectId subject)
    {
        var cache = _consentSource.Cache;
        var generation = cache.Generation;
        var fetchedAt = cache.Timestamp();
        _consentScope ??= _consentSource.Scopes.CreateScope();
        var consent = _consentScope.ServiceProvider.GetRequiredService<IConsentService>();

        // EF Core creates entities synchronously; the lookup runs on the scope's own context and connection, so
        // blocking here cannot deadlock on the application's context (ASP.NET Core has no synchronization context).
        var state = consent.GetAsync(subject, Purpose.Name).GetAwaiter().GetResult();
        cache.Set(subject, Purpose, state, generation, fetchedAt);
        return state.Status;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            Volatile.Write(ref _disposed, true);
            _consentScope?.Dispose();
            foreach (var state in _states.Values)
            {
                (state as IDisposable)?.Dispose();
            }

            _states.Clear();
            _consent.Clear();
        }

        if (ReferenceEquals(Innermost.Value, this))
        {
            Innermost.Value = _parent;
        }

        _audit.Dispose();
    }
}
