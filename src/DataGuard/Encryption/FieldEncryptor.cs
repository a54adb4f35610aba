using DataGuard.Keys;
using Microsoft.Extensions.Options;

namespace DataGuard.Encryption;

/// <summary>Hands out the per-column protectors over this application's key ring; one per application.</summary>
internal sealed class FieldEncryptor(KeyRing ring, IOptionsMonitor<DataGuardOptions> options, FieldCipherEngine engine)
{
    public KeyRing Ring => ring;

    public DataGuardOptions Options => options.CurrentValue;

    public ProtectedColumn Column(string entity, string property) => new(ring, options, engine.Backend, entity, property);

    /// <summary>The AES-256-GCM backend chosen for this application.</summary>
    public AesGcmBackend Backend => engine.Backend;

    public BlindIndexColumn BlindIndex(string entity, string property) => new(ring, options, entity, property);

    public ValueTask EnsureReadyAsync(CancellationToken cancellationToken) => ring.EnsureReadyAsync(cancellationToken);

    /// <summary>Gets the ring ready and reserves at least <paramref name="encryptions"/> of the active key's nonce budget.</summary>
    public ValueTask EnsureReadyAsync(long encryptions, CancellationToken cancellationToken) => ring.EnsureReadyAsync(encryptions, cancellationToken);
}
