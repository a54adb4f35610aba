using System.Security.Cryptography;
using DataGuard.Encryption;

namespace DataGuard.Keys;

/// <summary>An unwrapped key held in memory: a pool of <see cref="AesGcm"/> instances for data keys, the raw bytes
/// (pinned, zeroed on dispose) for deriving blind-index keys.</summary>
internal sealed unsafe class KeyEntry : IDisposable
{
    /// <summary>Every DataGuard key is 256 bits.</summary>
    public const int KeySize = 32;

    private readonly byte[] _key;

    /// <summary>Encryptions this instance may still make under the key: blocks reserved through the key store's count
    /// (<see cref="IEncryptionCountStore"/>), used by the ring's data keys only.</summary>
    private long _encryptionsLeft;

    /// <summary>The key expanded for libsodium, made on first use by that engine.</summary>
    private LibsodiumKeyState? _libsodiumState;

    /// <summary><see cref="LibsodiumKeyState.State"/> of <see cref="_libsodiumState"/>, kept here so that a decryption
    /// under a key that is not in the CPU's caches (subject keys: a different key every row) reads one object less.</summary>
    private nint _libsodiumStatePointer;

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

    /// <summary>The key expanded for libsodium's AES-256-GCM (pinned, zeroed with this entry).</summary>
    public LibsodiumKeyState LibsodiumState => _libsodiumState ?? CreateLibsodiumState();

    /// <summary>The aligned expanded key inside <see cref="LibsodiumState"/>'s pinned buffer, made on first use.</summary>
    public byte* LibsodiumStatePointer
    {
        get
        {
            var state = Volatile.Read(ref _libsodiumStatePointer);
            return state != 0 ? (byte*)state : LibsodiumState.State;
        }
    }

    /// <summary>What is left of the blocks of encryptions reserved for this instance.</summary>
    public long EncryptionsLeft => Volatile.Read(ref _encryptionsLeft);

    /// <summary>Takes one encryption from the reserved blocks; <see langword="false"/> when none is left.</summary>
    public bool TryTakeEncryption()
    {
        var left = Volatile.Read(ref _encryptionsLeft);
        while (left > 0)
        {
            var seen = Interlocked.CompareExchange(ref _encryptionsLeft, left - 1, left);
            if (seen == left)
            {
                return true;
            }

            left = seen;
        }

        return false;
    }

    /// <summary>Adds a block reserved in the key store.</summary>
    public void AddEncryptions(long count) => Interlocked.Add(ref _encryptionsLeft, count);

    /// <summary>The pinned buffer itself, for tests that check it is zeroed when the entry is dropped.</summary>
    internal byte[] MaterialBuffer => _key;

    /// <summary>Unwraps a stored key with the key-encryption key.</summary>
    /// <exception cref="DataGuardCryptoException">The wrapped key is damaged, the key-encryption key is not available, or
    /// the key has the wrong size; the message names the key id.</exception>
    public static KeyEntry Unwrap(IKeyWrapper wrapper, DataKeyRecord record)
    {
        byte[] material;
        try
        {
            material = wrapper.Unwrap(record.WrappedKey);
        }
        catch (CryptographicException ex)
        {
            var kek = wrapper is Tenants.Keys.TenantKeyWrapper tenant
                ? $"tenant '{tenant.Tenant}''s key-encryption key"
                : "the key-encryption key (Data Protection key ring)";
            throw new DataGuardCryptoException($"{record.Kind} key {record.Id} could not be unwrapped: its stored wrapped key is damaged, or {kek} that " +
                "wrapped it is not available.", keyId: record.Id, innerException: ex);
        }

        try
        {
            if (material.Length != KeySize)
            {
                throw new DataGuardCryptoException(
                    $"{record.Kind} key {record.Id} unwrapped to {material.Length} bytes instead of {KeySize}.", keyId: record.Id);
            }

            return new KeyEntry(record.Id, record.Kind, record.Status, material);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    public void Dispose()
    {
        Ciphers.Dispose();
        CryptographicOperations.ZeroMemory(_key);
        _libsodiumState?.Clear();
        GC.SuppressFinalize(this);
    }

    /// <summary>The rings drop replaced or evicted entries without disposing them (an operation in flight may still
    /// hold one), so the key bytes are zeroed when the entry is collected.</summary>
    ~KeyEntry()
    {
        CryptographicOperations.ZeroMemory(_key);
        _libsodiumState?.Clear();
    }

    private LibsodiumKeyState CreateLibsodiumState()
    {
        var created = new LibsodiumKeyState(_key);
        if (Interlocked.CompareExchange(ref _libsodiumState, created, null) is { } other)
        {
            created.Clear(); // another thread made it first
            return other;
        }

        // Published after the state object: the buffer it points into is written and pinned, and lives as long as this entry.
        Volatile.Write(ref _libsodiumStatePointer, (nint)created.State);
        return created;
    }
}
