using System.Security.Cryptography;
using DataGuard.Pkcs11.Tests.Testing;

namespace DataGuard.Pkcs11.Tests;

public sealed class Pkcs11KeyWrapperTests
{
    private static byte[] DataKey() => RandomNumberGenerator.GetBytes(32);

    [SoftHsmFact]
    public void Unwrap_returns_the_key_that_was_wrapped()
    {
        var label = SoftHsm.NewLabel("kek");
        SoftHsm.CreateKey(label);
        using var wrapper = new Pkcs11KeyWrapper(SoftHsm.Options(label));
        var key = DataKey();

        var wrapped = wrapper.Wrap(key);

        Assert.Equal(key, wrapper.Unwrap(wrapped));
        Assert.Equal(-1, wrapped.AsSpan().IndexOf(key)); // the key is not in the wrapped form in clear
    }

    [SoftHsmFact]
    public void Wrapping_the_same_key_twice_gives_different_wrapped_keys()
    {
        var label = SoftHsm.NewLabel("kek");
        SoftHsm.CreateKey(label);
        using var wrapper = new Pkcs11KeyWrapper(SoftHsm.Options(label));
        var key = DataKey();

        Assert.NotEqual(wrapper.Wrap(key), wrapper.Wrap(key));
    }

    [SoftHsmFact]
    public void Concurrent_wraps_and_unwraps_on_pooled_sessions_all_round_trip()
    {
        var label = SoftHsm.NewLabel("kek");
        SoftHsm.CreateKey(label);
        using var wrapper = new Pkcs11KeyWrapper(SoftHsm.Options(label));
        var keys = Enumerable.Range(0, 200).Select(_ => DataKey()).ToArray();

        var results = new bool[keys.Length];
        Parallel.For(0, keys.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            results[i] = wrapper.Unwrap(wrapper.Wrap(keys[i])).AsSpan().SequenceEqual(keys[i]));

        Assert.All(results, Assert.True);
    }

    [SoftHsmFact]
    public void Pooled_sessions_that_the_token_closed_are_replaced_and_logged_in_again()
    {
        var label = SoftHsm.NewLabel("kek");
        SoftHsm.CreateKey(label, SoftHsm.TokenSessions);
        using var wrapper = new Pkcs11KeyWrapper(SoftHsm.Options(label, SoftHsm.TokenSessions));
        var key = DataKey();
        var wrapped = wrapper.Wrap(key); // a session is now pooled

        SoftHsm.CloseAllSessions(SoftHsm.TokenSessions);

        Assert.Equal(key, wrapper.Unwrap(wrapped));
    }

    [SoftHsmTheory]
    [InlineData(0)] // version
    [InlineData(1)] // label length
    [InlineData(5)] // label
    [InlineData(-40)] // nonce
    [InlineData(-20)] // ciphertext
    [InlineData(-1)] // tag
    public void Unwrap_fails_naming_the_token_when_a_bit_of_the_wrapped_key_is_flipped(int position)
    {
        var label = SoftHsm.NewLabel("kek");
        SoftHsm.CreateKey(label);
        using var wrapper = new Pkcs11KeyWrapper(SoftHsm.Options(label, tenant: "acme"));
        var wrapped = wrapper.Wrap(DataKey());

        wrapped[position < 0 ? wrapped.Length + position : position] ^= 0x01;

        var failed = Assert.Throws<CryptographicException>(() => wrapper.Unwrap(wrapped));
        Assert.Contains($"token '{SoftHsm.TokenA}'", failed.Message, StringComparison.Ordinal);
        Assert.Contains("tenant 'acme'", failed.Message, StringComparison.Ordinal);
        Assert.IsType<Pkcs11KeyWrapperException>(failed.InnerException);
        Assert.DoesNotContain(SoftHsm.UserPin, failed.ToString(), StringComparison.Ordinal);
    }

    [SoftHsmTheory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(20)]
    [InlineData(1)] // one byte short of the tag
    public void Unwrap_fails_clearly_on_a_truncated_wrapped_key(int keep)
    {
        var label = SoftHsm.NewLabel("kek");
        SoftHsm.CreateKey(label);
        using var wrapper = new Pkcs11KeyWrapper(SoftHsm.Options(label));
        var wrapped = wrapper.Wrap(DataKey());
        var truncated = keep == 1 ? wrapped[..^1] : wrapped[..keep];

        var failed = Assert.Throws<CryptographicException>(() => wrapper.Unwrap(truncated));

        Assert.Contains("could not be unwrapped", failed.Message, StringComparison.Ordinal);
    }

    [SoftHsmFact]
    public void A_wrapped_key_of_another_label_is_refused_without_naming_that_label()
    {
        var ours = SoftHsm.NewLabel("acme-kek");
        var theirs = SoftHsm.NewLabel("globex-kek");
        SoftHsm.CreateKey(ours);
        SoftHsm.CreateKey(theirs);
        using var acme = new Pkcs11KeyWrapper(SoftHsm.Options(ours, tenant: "acme"));
        using var globex = new Pkcs11KeyWrapper(SoftHsm.Options(theirs, tenant: "globex"));

        // Globex's wrapped key copied into acme's key store, on the same token.
        var failed = Assert.Throws<CryptographicException>(() => acme.Unwrap(globex.Wrap(DataKey())));

        Assert.Contains("tenant 'acme'", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs, failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("globex", failed.Message, StringComparison.Ordinal);
    }

    [SoftHsmFact]
    public void A_key_with_the_same_label_on_another_token_does_not_unwrap()
    {
        var label = SoftHsm.NewLabel("kek");
        SoftHsm.CreateKey(label, SoftHsm.TokenA);
        SoftHsm.CreateKey(label, SoftHsm.TokenB);
        using var onA = new Pkcs11KeyWrapper(SoftHsm.Options(label, SoftHsm.TokenA));
        using var onB = new Pkcs11KeyWrapper(SoftHsm.Options(label, SoftHsm.TokenB));

        var failed = Assert.Throws<CryptographicException>(() => onB.Unwrap(onA.Wrap(DataKey())));

        Assert.Contains($"was not wrapped by key-encryption key '{label}'", failed.Message, StringComparison.Ordinal);
    }

    [SoftHsmFact]
    public void Wrap_fails_naming_token_and_label_when_the_key_is_not_on_the_token()
    {
        var label = SoftHsm.NewLabel("never-created");
        using var wrapper = new Pkcs11KeyWrapper(SoftHsm.Options(label, tenant: "acme"));

        var failed = Assert.Throws<Pkcs11KeyWrapperException>(() => wrapper.Wrap(DataKey()));

        Assert.Equal((SoftHsm.TokenA, label, "acme"), (failed.TokenLabel, failed.KeyLabel, failed.Tenant));
        Assert.Contains($"'{label}' is not on PKCS#11 token '{SoftHsm.TokenA}'", failed.Message, StringComparison.Ordinal);
    }

    [SoftHsmFact]
    public void A_wrong_pin_fails_naming_the_token_and_never_the_pin()
    {
        var options = SoftHsm.Options("kek", SoftHsm.TokenLocked);
        options.Pin = "0000-wrong";
        using var wrapper = new Pkcs11KeyWrapper(options);

        var failed = Assert.Throws<Pkcs11KeyWrapperException>(wrapper.EnsureReady);

        Assert.Contains($"token '{SoftHsm.TokenLocked}' refused the user login", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("0000-wrong", failed.ToString(), StringComparison.Ordinal);
    }

    [SoftHsmFact]
    public void A_missing_token_fails_naming_it()
    {
        using var wrapper = new Pkcs11KeyWrapper(SoftHsm.Options("kek", token: "no-such-token"));

        var failed = Assert.Throws<Pkcs11KeyWrapperException>(wrapper.EnsureReady);

        Assert.Contains("No PKCS#11 token 'no-such-token' is present", failed.Message, StringComparison.Ordinal);
    }
}
