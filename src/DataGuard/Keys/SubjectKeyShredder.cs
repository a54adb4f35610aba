using DataGuard.Audit;
using DataGuard.Diagnostics;
using DataGuard.Subjects;
using DataGuard.Subjects.Events;
using Microsoft.Extensions.Options;

namespace DataGuard.Keys;

/// <summary>Crypto-shredding of a data subject (<see cref="IKeyManager.ShredAsync"/>): the subject's key destroyed
/// under its canonical id, audited once, and the subject's sinks told.</summary>
internal sealed class SubjectKeyShredder(
    SubjectKeyRing subjects,
    IAuditTrail audit,
    IOptionsMonitor<DataGuardOptions> options,
    SubjectIdCanonicalizer? subjectIds = null,
    SubjectEvents? subjectEvents = null)
{
    public async Task ShredAsync(SubjectId subjectId, CancellationToken cancellationToken)
    {
        using var activity = Diagnostics.DataGuardActivitySource.Start(Diagnostics.DataGuardActivitySource.KeyShred);
        // Subject keys are stored under the canonical id (the entity's value): another spelling would shred nothing.
        subjectId = (subjectIds ?? SubjectIdCanonicalizer.AsGiven).Canonicalize(subjectId, nameof(subjectId));
        if (!options.CurrentValue.Encryption.SubjectKeys)
        {
            throw new InvalidOperationException("Crypto-shredding needs subject keys: set DataGuardOptions.Encryption.SubjectKeys = true.");
        }

        var (keyId, shredded) = await subjects.ShredAsync(subjectId.Value, cancellationToken).ConfigureAwait(false);
        if (shredded)
        {
            // The subject id is an identifier, not a personal value: the trail must say whose data became unreadable.
            await audit.RecordAsync(
                new AuditEvent(AuditActions.SubjectShredded) { SubjectId = subjectId, Details = $"subject key {keyId} destroyed" },
                cancellationToken).ConfigureAwait(false);
        }

        if (subjectEvents is not null)
        {
            await subjectEvents.RaiseAsync(subjectId, SubjectEvent.Shredded, cancellationToken).ConfigureAwait(false);
        }
    }
}
