using DataGuard.Consent;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Consent;

/// <summary>Every record of a purpose, streamed subject by subject in the order of the (subject, purpose, id) index,
/// for the console's consent statistics (the current tenant's only); no record is held longer than its subject's group.</summary>
internal sealed partial class EntityFrameworkConsentStore<TContext> : IConsentRecordScan
    where TContext : DbContext
{
    public async IAsyncEnumerable<ConsentRecord> ScanAsync(
        string purpose,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var tenant = tenants.Current;
        var rows = context.Set<ConsentRecordRow>().AsNoTracking()
            .Where(r => r.TenantId == tenant && r.Purpose == purpose)
            .OrderBy(r => r.SubjectId).ThenBy(r => r.Id)
            .AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false);
        await foreach (var row in rows)
        {
            yield return row.ToRecord();
        }
    }
}
