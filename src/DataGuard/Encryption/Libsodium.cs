using System.Runtime.InteropServices;

namespace DataGuard.Encryption;

/// <summary>
/// The few libsodium functions the field cipher calls, bound by source-generated <c>LibraryImport</c> to the native
/// library that the NSec.Cryptography package ships (<c>runtimes/&lt;rid&gt;/native/libsodium.*</c>, resolved by the
/// host from the application's deps.json under the same name NSec binds, so one copy is loaded). Each key is expanded
/// once (<c>crypto_aead_aes256gcm_beforenm</c>) into a pinned buffer its key entry owns and zeroes
/// (<see cref="LibsodiumKeyState"/>); the <c>_afternm</c> calls then take that state.
/// See https://doc.libsodium.org/secret-key_cryptography/aead/aes-256-gcm.
/// </summary>
internal static unsafe partial class Libsodium
{
    private const string Library = "libsodium";

    public const int KeyBytes = 32;
    public const int NonceBytes = 12;
    public const int TagBytes = 16;

    /// <summary>Room for <c>crypto_aead_aes256gcm_state</c> (512 bytes in libsodium's headers, checked at start-up).</summary>
    public const int StateBytes = 512;

    /// <summary>The state's alignment (<c>CRYPTO_ALIGN(16)</c>).</summary>
    public const int StateAlignment = 16;

    private static readonly Lazy<string?> s_unavailable = new(Probe);

    /// <summary><see langword="null"/> when libsodium loaded and supports AES-256-GCM on this CPU; otherwise why not.</summary>
    public static string? Unavailable => s_unavailable.Value;

    public static bool IsAvailable => Unavailable is null;

    private static string? Probe()
    {
        try
        {
            if (sodium_init() < 0)
            {
                return "libsodium failed to initialise";
            }

            if (crypto_aead_aes256gcm_keybytes() != KeyBytes || crypto_aead_aes256gcm_npubbytes() != NonceBytes || crypto_aead_aes256gcm_abytes() != TagBytes
                || crypto_aead_aes256gcm_statebytes() > StateBytes)
            {
                return "libsodium reports unexpected AES-256-GCM sizes";
            }

            return crypto_aead_aes256gcm_is_available() == 1 ? null : "this CPU lacks the instructions libsodium's AES-256-GCM needs (AES-NI and CLMUL, or " +
                "the ARMv8 crypto extensions)";
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return $"the native libsodium library could not be loaded ({ex.GetType().Name})";
        }
    }

    [LibraryImport(Library)]
    private static partial int sodium_init();

    [LibraryImport(Library)]
    private static partial int crypto_aead_aes256gcm_is_available();

    [LibraryImport(Library)]
    private static partial nuint crypto_aead_aes256gcm_keybytes();

    [LibraryImport(Library)]
    private static partial nuint crypto_aead_aes256gcm_npubbytes();

    [LibraryImport(Library)]
    private static partial nuint crypto_aead_aes256gcm_abytes();

    [LibraryImport(Library)]
    private static partial nuint crypto_aead_aes256gcm_statebytes();

    /// <summary>Expands a 256-bit key into <paramref name="state"/> (<see cref="StateBytes"/>, 16-byte aligned).</summary>
    [LibraryImport(Library)]
    public static partial int crypto_aead_aes256gcm_beforenm(byte* state, byte* k);

    /// <summary>Writes ciphertext followed by the 16-byte tag to <paramref name="c"/>, under an expanded key.</summary>
    [LibraryImport(Library)]
    public static partial int crypto_aead_aes256gcm_encrypt_afternm(
        byte* c, ulong* clen_p, byte* m, ulong mlen, byte* ad, ulong adlen, byte* nsec, byte* npub, byte* state);

    /// <summary>Verifies the tag at the end of <paramref name="c"/> and only then writes the plaintext; returns -1 on a
    /// mismatch, leaving <paramref name="m"/> unwritten.</summary>
    [LibraryImport(Library)]
    public static partial int crypto_aead_aes256gcm_decrypt_afternm(
        byte* m, ulong* mlen_p, byte* nsec, byte* c, ulong clen, byte* ad, ulong adlen, byte* npub, byte* state);
}
