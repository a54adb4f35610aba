using DataGuard.Consent;
using DataGuard.Subjects;

namespace DataGuard.EFCore.Tests.Purposes;

/// <summary>Counts the consent lookups a purpose scope makes, passing every call to the real store.</summary>
internal sealed class CountingConsentStore(IConsentStore inner, ConsentLookupCounter counter) : IConsentStore
{
    public ValueTask AppendAsync(ConsentRecord record, CancellationToken cancellationToken = default) => inner.AppendAsync(record, cancellationToken);

    public ValueTask<IReadOnlyList<ConsentRecord>> GetLatestAsync(SubjectId subjectId, string purpose, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref counter.Count);
        return inner.GetLatestAsync(subjectId, purpose, cancellationToken);
    }

    public ValueTask<IReadOnlyList<ConsentRecord>> GetHistoryAsync(SubjectId subjectId, CancellationToken cancellationToken = default)
        => inner.GetHistoryAsync(subjectId, cancellationToken);

}
