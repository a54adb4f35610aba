using System.Security.Cryptography;

namespace DataGuard.Encryption;

/// <summary>
/// One key expanded for libsodium's AES-256-GCM (<c>crypto_aead_aes256gcm_state</c>: the AES key schedule and the GHASH
/// key powers), computed once per key entry instead of on every call: the one-shot raw-key calls spend about half of a
/// short value's encryption expanding the key (benchmarks/README.md, Codec). The state is key material: it lives in a
/// pinned buffer, is only read by the cipher calls (so threads share it), and is zeroed with its key entry.
/// </summary>
internal sealed unsafe class LibsodiumKeyState
{
    private readonly byte[] _buffer = GC.AllocateArray<byte>(Libsodium.StateBytes + Libsodium.StateAlignment, pinned: true);

    public LibsodiumKeyState(ReadOnlySpan<byte> key)
    {
        fixed (byte* start = _buffer)
        {
            // The array is pinned, so its address holds; libsodium needs the state 16-byte aligned.
            State = (byte*)(((nint)start + (Libsodium.StateAlignment - 1)) & ~(nint)(Libsodium.StateAlignment - 1));
        }

        fixed (byte* k = key)
        {
            if (key.Length != Libsodium.KeyBytes || Libsodium.crypto_aead_aes256gcm_beforenm(State, k) != 0)
            {
                Clear();
                throw new CryptographicException("libsodium could not expand the AES-256-GCM key.");
            }
        }
    }

    /// <summary>The aligned state inside the pinned buffer.</summary>
    public byte* State { get; }

    /// <summary>The pinned buffer itself, for tests that check it is zeroed with its key entry.</summary>
    internal byte[] Buffer => _buffer;

    /// <summary>Zeroes the expanded key.</summary>
    public void Clear() => CryptographicOperations.ZeroMemory(_buffer);
}
