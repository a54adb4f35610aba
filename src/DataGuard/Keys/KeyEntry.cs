using System.Security.Cryptography;
using DataGuard.Encryption;

namespace DataGuard.Keys;

/// <summary>An unwrapped key held in memory: a pool of <see cref="AesGcm"/> instances for data keys, the raw bytes
/// (pinned, zeroed on dispose) for deriving blind-index keys.</summary>
internal sealed class KeyEntry : IDisposable
{
    private readonly byte[] _key;

    public KeyEntry(int id, DataKeyKind kind, DataKeyStatus status, ReadOnlySpan<byte> key)
    {
        Id = id;
        Kind = kind;
        Status = status;
        _key = GC.AllocateArray<byte>(key.Length, pinned: true);
        key.CopyTo(_key);
        Ciphers = new CryptoObjectPool<AesGcm>(() => new AesGcm(_key, FieldFormat.TagSize));
        TextHeader = FieldFormat.TextHeader(FieldFlags.RingKey, id);
    }

    public int Id { get; }

    public DataKeyKind Kind { get; }

    public DataKeyStatus Status { get; }

    public CryptoObjectPool<AesGcm> Ciphers { get; }

    /// <summary>How a string value on this key starts (<c>dg:</c> plus the base64 header).</summary>
    public string TextHeader { get; }

    public ReadOnlySpan<byte> Material => _key;

    public void Dispose()
    {
        Ciphers.Dispose();
        CryptographicOperations.ZeroMemory(_key);
    }
}
