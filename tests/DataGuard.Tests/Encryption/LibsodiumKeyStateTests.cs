using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using DataGuard.Encryption;
using DataGuard.Keys;

namespace DataGuard.Tests.Encryption;

/// <summary>The libsodium backend keeps each key expanded (<see cref="LibsodiumKeyState"/>): key material that must be
/// zeroed with its key entry, and must encrypt exactly as the key itself does.</summary>
public sealed class LibsodiumKeyStateTests
{
    private static KeyEntry Entry() => new(7, DataKeyKind.Data, DataKeyStatus.Active, Enumerable.Repeat((byte)0xA5, KeyEntry.KeySize).ToArray());

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte[] DropAKeyUsedByLibsodium()
    {
        var entry = Entry();
        return entry.LibsodiumState.Buffer;
    }

    [Fact]
    public void The_expanded_key_is_zeroed_when_its_key_entry_is_disposed()
    {
        var entry = Entry();
        var buffer = entry.LibsodiumState.Buffer;
        Assert.Contains(buffer, static b => b != 0);

        entry.Dispose();

        Assert.All(buffer, static b => Assert.Equal(0, b));
    }

    [Fact]
    public void The_expanded_key_of_a_dropped_key_entry_is_zeroed_when_collected()
    {
        var buffer = DropAKeyUsedByLibsodium();
        Assert.Contains(buffer, static b => b != 0);

        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.All(buffer, static b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_key_entry_expands_its_key_once_and_every_thread_shares_it()
    {
        using var entry = Entry();
        var states = new LibsodiumKeyState[8];
        Parallel.For(0, states.Length, i => states[i] = entry.LibsodiumState);
        Assert.All(states, s => Assert.Same(entry.LibsodiumState, s));
    }

    [Fact]
    public void The_expanded_key_encrypts_as_the_bcl_does_with_the_key_itself()
    {
        using var entry = Entry();
        var nonce = RandomNumberGenerator.GetBytes(12);
        var plaintext = RandomNumberGenerator.GetBytes(100);
        var ad = RandomNumberGenerator.GetBytes(20);
        var sodium = new byte[116];
        LibsodiumAesGcmBackend.Instance.Encrypt(entry, nonce, plaintext, sodium, ad);

        var bcl = new byte[116];
        BclAesGcmBackend.Instance.Encrypt(entry, nonce, plaintext, bcl, ad);

        Assert.Equal(bcl, sodium);
    }
}
